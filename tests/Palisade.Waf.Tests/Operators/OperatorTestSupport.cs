using Palisade.Waf.Operators;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Tests.Operators;

/// <summary>Shorthands for the operator tests.</summary>
internal static class OperatorTestSupport
{
    public static InMemoryRuleFileSystem NoFiles { get; } = new([]);

    public static CompiledOperator Compile(OperatorName name, string argument, OperatorFactoryOptions? options = null) =>
        new OperatorFactory(NoFiles, options).Compile(name, argument);

    public static bool Matches(OperatorName name, string argument, string input) => Compile(name, argument).IsMatch(input);

    public static RuleOperator RuleOperator(OperatorName name, string argument, MacroString? macro = null, IReadOnlyList<string>? dataFiles = null) => new()
    {
        Name = name,
        Argument = argument,
        ArgumentMacro = macro ?? MacroString.Constant(argument),
        DataFiles = dataFiles ?? [],
        Location = new SourceLocation("/rules/test.conf", 7, 12),
    };
}
