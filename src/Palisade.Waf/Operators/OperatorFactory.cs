using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Palisade.Core;
using Palisade.Waf.SecLang;
using Palisade.Waf.SecLang.Model;
using Palisade.Waf.Transformations;

namespace Palisade.Waf.Operators;

/// <summary>
/// Compiles rule operators. One factory serves one rule set load: data files (@pmFromFile, @ipMatchFromFile) are
/// read once through the <see cref="IRuleFileSystem"/> and their automata shared by every rule that names the same
/// files. Arguments are rule text; they are turned into byte strings (<see cref="ByteText.FromRuleText"/>) here.
/// </summary>
public sealed class OperatorFactory
{
    private readonly IRuleFileSystem _files;
    private readonly OperatorFactoryOptions _options;
    private readonly ConcurrentDictionary<string, AhoCorasickAutomaton> _phraseFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IpAddressSet> _addressFiles = new(StringComparer.Ordinal);

    public OperatorFactory(IRuleFileSystem files, OperatorFactoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
        _options = options ?? new OperatorFactoryOptions();
    }

    /// <summary>Operators whose argument may hold %{…} macros that ModSecurity expands on every evaluation.</summary>
    public static bool AcceptsMacros(OperatorName name) => name is OperatorName.Rx or OperatorName.StrEq or OperatorName.Contains
        or OperatorName.ContainsWord or OperatorName.BeginsWith or OperatorName.EndsWith or OperatorName.Within
        or OperatorName.StrMatch or OperatorName.Eq or OperatorName.Ge or OperatorName.Gt or OperatorName.Le or OperatorName.Lt;

    /// <summary>
    /// Prepares a parsed operator; a bad argument becomes a <see cref="SecLangException"/> at the operator's place in
    /// the rule file.
    /// </summary>
    public PreparedOperator Prepare(RuleOperator ruleOperator) =>
        TryPrepare(ruleOperator, out var prepared, out var error) ? prepared : throw new SecLangException([error]);

    /// <summary>Prepares a parsed operator, or reports why it cannot be (so a loader can collect every error).</summary>
    public bool TryPrepare(RuleOperator ruleOperator, [NotNullWhen(true)] out PreparedOperator? prepared, [NotNullWhen(false)] out SecLangError? error)
    {
        ArgumentNullException.ThrowIfNull(ruleOperator);
        try
        {
            var name = ruleOperator.Name;
            if (!ruleOperator.ArgumentMacro.IsConstant && AcceptsMacros(name))
            {
                prepared = new PreparedOperator(name, ruleOperator.ArgumentMacro, expanded => CompileByteArgument(name, expanded, []), _options.MacroCacheSize);
            }
            else
            {
                var compiled = Compile(name, ruleOperator.Argument, ruleOperator.DataFiles);
                prepared = new PreparedOperator(name, ruleOperator.ArgumentMacro, compiled);
            }

            error = null;
            return true;
        }
        catch (OperatorCompilationException ex)
        {
            prepared = null;
            error = new SecLangError(ruleOperator.Location, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Compiles an operator from its argument as written in a rule. <paramref name="dataFiles"/> are the files of
    /// @pmFromFile / @ipMatchFromFile; when empty they are read from the argument, relative to
    /// <see cref="OperatorFactoryOptions.DataDirectory"/>.
    /// </summary>
    /// <exception cref="OperatorCompilationException">The argument is not valid for the operator.</exception>
    public CompiledOperator Compile(OperatorName name, string argument, IReadOnlyList<string>? dataFiles = null)
    {
        ArgumentNullException.ThrowIfNull(argument);
        return CompileByteArgument(name, ByteText.FromRuleText(argument), dataFiles ?? []);
    }

    private CompiledOperator CompileByteArgument(OperatorName name, string argument, IReadOnlyList<string> dataFiles)
    {
        switch (name)
        {
            case OperatorName.Rx:
                return argument.Length == 0 ? new ConstantOperator(OperatorName.Rx, result: true) : CompileRegex(argument);
            case OperatorName.StrEq:
                return new StringEqualsOperator(argument);
            case OperatorName.Contains:
            case OperatorName.StrMatch:
                return new ContainsOperator(name, argument);
            case OperatorName.ContainsWord:
                return new ContainsWordOperator(argument);
            case OperatorName.BeginsWith:
                return new BeginsWithOperator(argument);
            case OperatorName.EndsWith:
                return new EndsWithOperator(argument);
            case OperatorName.Within:
                return new WithinOperator(argument);
            case OperatorName.Eq:
            case OperatorName.Ge:
            case OperatorName.Gt:
            case OperatorName.Le:
            case OperatorName.Lt:
                return new NumericComparisonOperator(name, CInteger.Parse(argument));
            case OperatorName.Pm:
                var phrases = PhraseListParser.ParseArgument(argument);
                return phrases.Count == 0
                    ? throw new OperatorCompilationException(name, argument, "no phrase given; write phrases separated by spaces, e.g. @pm select union.")
                    : new PhraseMatchOperator(name, new AhoCorasickAutomaton(phrases));
            case OperatorName.PmFromFile:
                return new PhraseMatchOperator(name, LoadPhraseFiles(argument, dataFiles));
            case OperatorName.IpMatch:
                return IpMatchOperator.Parse(argument);
            case OperatorName.IpMatchFromFile:
                return new IpMatchOperator(name, LoadAddressFiles(argument, dataFiles));
            case OperatorName.ValidateByteRange:
                return ValidateByteRangeOperator.Parse(argument);
            case OperatorName.ValidateUrlEncoding:
                return new ValidateUrlEncodingOperator();
            case OperatorName.ValidateUtf8Encoding:
                return new ValidateUtf8EncodingOperator();
            case OperatorName.UnconditionalMatch:
                return new ConstantOperator(name, result: true);
            case OperatorName.NoMatch:
                return new ConstantOperator(name, result: false);
            case OperatorName.DetectSqli:
                return new InjectionDetectionOperator(name, _options.SqlInjectionDetector
                    ?? throw new OperatorCompilationException(name, argument, "no SQL injection detector is configured (OperatorFactoryOptions.SqlInjectionDetector)."));
            case OperatorName.DetectXss:
                return new InjectionDetectionOperator(name, _options.XssDetector
                    ?? throw new OperatorCompilationException(name, argument, "no XSS detector is configured (OperatorFactoryOptions.XssDetector)."));
            case OperatorName.GeoLookup:
            case OperatorName.Rbl:
                // No GeoIP database and no DNS in a pure engine: ModSecurity answers "no match" when it cannot look
                // an address up, and Debian's CRS 3.3.4 only reaches these rules when IP reputation is configured.
                return new ConstantOperator(name, result: false);
            default:
                throw new OperatorCompilationException(name, argument, "this operator is not supported.");
        }
    }

    private RegexOperator CompileRegex(string pattern)
    {
        try
        {
            var regex = WafRegex.Compile(pattern, _options.BacktrackingMatchTimeout, _options.OnRegexTimeout);
            if (_options.CompileRegexesEagerly)
            {
                regex.EnsureCompiled();
            }

            return new RegexOperator(regex);
        }
        catch (FormatException ex)
        {
            throw new OperatorCompilationException(OperatorName.Rx, pattern,
                $"{ex.Message}. Write PCRE syntax as ModSecurity accepts it (byte values up to \\xff).", ex);
        }
    }

    private AhoCorasickAutomaton LoadPhraseFiles(string argument, IReadOnlyList<string> dataFiles)
    {
        var paths = ResolveDataFiles(OperatorName.PmFromFile, argument, dataFiles);
        return _phraseFiles.GetOrAdd(string.Join('\n', paths), _ =>
        {
            var phrases = new List<string>();
            foreach (var path in paths)
            {
                phrases.AddRange(PhraseListParser.ParseDataFile(ReadDataFile(OperatorName.PmFromFile, argument, path)).Select(ByteText.FromRuleText));
            }

            return new AhoCorasickAutomaton(phrases);
        });
    }

    private IpAddressSet LoadAddressFiles(string argument, IReadOnlyList<string> dataFiles)
    {
        var paths = ResolveDataFiles(OperatorName.IpMatchFromFile, argument, dataFiles);
        return _addressFiles.GetOrAdd(string.Join('\n', paths), _ =>
        {
            var blocks = new List<Cidr>();
            foreach (var path in paths)
            {
                var lineNumber = 0;
                foreach (var rawLine in ReadDataFile(OperatorName.IpMatchFromFile, argument, path).Split('\n'))
                {
                    lineNumber++;
                    var line = rawLine.Trim();
                    if (line.Length == 0 || line[0] == '#')
                    {
                        continue;
                    }

                    if (!Cidr.TryParse(line, out var cidr))
                    {
                        throw new OperatorCompilationException(OperatorName.IpMatchFromFile, argument,
                            $"{path}:{lineNumber}: '{line}' is not an IP address or CIDR block; write one address such as 192.0.2.1 or block such as 198.51.100.0/24 per line.");
                    }

                    blocks.Add(cidr);
                }
            }

            return new IpAddressSet(blocks);
        });
    }

    private string[] ResolveDataFiles(OperatorName name, string argument, IReadOnlyList<string> dataFiles)
    {
        var names = dataFiles.Count > 0 ? dataFiles : argument.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (names.Count == 0)
        {
            throw new OperatorCompilationException(name, argument, "no data file given; write one or more file names relative to the rule file.");
        }

        var resolved = new string[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            var file = names[i];
            if (file.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || file.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                throw new OperatorCompilationException(name, argument, $"'{file}' is a URL; data files are read from the rule set's directory, not downloaded.");
            }

            resolved[i] = Path.IsPathRooted(file) || _options.DataDirectory is null ? file : Path.Combine(_options.DataDirectory, file);
        }

        return resolved;
    }

    private string ReadDataFile(OperatorName name, string argument, string path)
    {
        try
        {
            return _files.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new OperatorCompilationException(name, argument, $"cannot read data file '{path}': {ex.Message}", ex);
        }
    }
}
