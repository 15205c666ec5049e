using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.SecLang.Parsing;

/// <summary>
/// One parse: reads files (following Include), dispatches each directive, and collects every error. Not reusable;
/// <see cref="SecLangParser"/> creates one per call.
/// </summary>
internal sealed class ConfigurationReader
{
    /// <summary>Deeper nesting than this is a mistake (or a cycle through different spellings of a path).</summary>
    public const int MaxIncludeDepth = 32;

    private readonly IRuleFileSystem _fileSystem;
    private readonly Diagnostics _diagnostics = new();
    private readonly ConfigurationBuilder _builder;
    private readonly List<string> _includeStack = [];

    public ConfigurationReader(IRuleFileSystem fileSystem)
    {
        _fileSystem = fileSystem;
        _builder = new ConfigurationBuilder(_diagnostics);
    }

    public SecLangParseResult ReadFile(string path)
    {
        string fullPath;
        try
        {
            fullPath = Path.GetFullPath(path);
        }
        catch (ArgumentException)
        {
            _diagnostics.Report(new SourceLocation(path, 0, 0), "Cannot read the rule file: the name is not a valid path.");
            return Finish();
        }

        var content = Load(fullPath, new SourceLocation(fullPath, 0, 0), "Cannot read the rule file");
        if (content is not null)
        {
            ReadContent(fullPath, content);
        }

        return Finish();
    }

    public SecLangParseResult ReadText(string text, string path)
    {
        ReadContent(path, text);
        return Finish();
    }

    private SecLangParseResult Finish()
    {
        var configuration = _builder.Build();
        return new SecLangParseResult(configuration, _diagnostics.Errors.ToArray());
    }

    private string? Load(string path, SourceLocation reportAt, string what)
    {
        try
        {
            if (!_fileSystem.FileExists(path))
            {
                _diagnostics.Report(reportAt, $"{what} {path}: it does not exist.");
                return null;
            }

            return _fileSystem.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            _diagnostics.Report(reportAt, $"{what} {path}: {exception.Message}");
            return null;
        }
    }

    private void ReadContent(string path, string content)
    {
        _includeStack.Add(path);
        _builder.AddFile(path);
        var context = new FileContext(path, _fileSystem, _diagnostics);
        foreach (var line in LogicalLineReader.Read(path, content))
        {
            if (_diagnostics.IsFull)
            {
                break;
            }

            ReadDirective(line, context);
        }

        _builder.EndOfFile(path);
        _includeStack.RemoveAt(_includeStack.Count - 1);
    }

    private void ReadDirective(LogicalLine line, FileContext context)
    {
        var text = line.Text;
        var nameEnd = 0;
        while (nameEnd < text.Length && text[nameEnd] is not (' ' or '\t'))
        {
            nameEnd++;
        }

        var written = text[..nameEnd];
        if (!DirectiveCatalog.TryFind(written, out var directive, out var kind))
        {
            _diagnostics.ReportUnknown(line.Start, "directive", Shown.Text(written), DirectiveCatalog.AllNames);
            _builder.InterruptChain(Shown.Text(written), line.Start);
            return;
        }

        var tokens = ArgumentTokenizer.Tokenize(line, nameEnd, _diagnostics);
        if (tokens is null)
        {
            if (kind is DirectiveKind.Rule or DirectiveKind.Action)
            {
                _builder.RuleFailed(LooksChained(text));
            }
            else
            {
                _builder.InterruptChain(directive, line.Start);
            }

            return;
        }

        switch (kind)
        {
            case DirectiveKind.Rule or DirectiveKind.Action:
                ReadRule(line, directive, kind, tokens, context);
                break;
            case DirectiveKind.Include or DirectiveKind.IncludeOptional:
                _builder.InterruptChain(directive, line.Start);
                if (ExpectArguments(directive, tokens, 1, 1, line, "PATH (a file, or a pattern such as rules/*.conf)"))
                {
                    ReadInclude(tokens[0], kind == DirectiveKind.IncludeOptional, context);
                }

                break;
            case DirectiveKind.DefaultAction:
                var defaults = ExpectArguments(directive, tokens, 1, 1, line, "\"ACTIONS\" with a phase and a disruptive action, e.g. SecDefaultAction \"phase:2,log,auditlog,pass\"")
                    ? ActionListParser.Parse(TextSource.Of(tokens[0]), _diagnostics)
                    : null;
                if (defaults is null)
                {
                    _builder.InterruptChain(directive, line.Start);
                }
                else
                {
                    _builder.AddDefaultActions(defaults, line.Start);
                }

                break;
            case DirectiveKind.Setting:
                _builder.Settings = SettingDirectives.ApplyTo(_builder.Settings, directive, tokens, line.Start, _diagnostics);
                _builder.AddItem(new SettingDirective(directive, tokens.Select(t => t.Value).ToArray(), line.Start), directive);
                break;
            default:
                var item = DirectiveItems.Read(directive, kind, tokens, line, _diagnostics);
                if (item is null)
                {
                    _builder.InterruptChain(directive, line.Start);
                }
                else
                {
                    _builder.AddItem(item, directive);
                }

                break;
        }
    }

    private void ReadRule(LogicalLine line, string directive, DirectiveKind kind, List<ArgumentToken> tokens, FileContext context)
    {
        PendingRule? rule = null;
        if (kind == DirectiveKind.Rule)
        {
            if (ExpectArguments(directive, tokens, 2, 3, line, "VARIABLES OPERATOR [ACTIONS], e.g. SecRule ARGS \"@rx attack\" \"id:1,phase:2,deny\""))
            {
                var variables = VariableListParser.Parse(TextSource.Of(tokens[0]), _diagnostics);
                var @operator = OperatorParser.Parse(TextSource.Of(tokens[1]), context);
                var actions = tokens.Count == 3 ? ActionListParser.Parse(TextSource.Of(tokens[2]), _diagnostics) : [];
                if (variables is not null && @operator is not null && actions is not null)
                {
                    rule = new PendingRule(RuleKind.SecRule, variables, @operator, actions, line.Start);
                }
            }
        }
        else if (ExpectArguments(directive, tokens, 1, 1, line, "\"ACTIONS\", e.g. SecAction \"id:1,phase:1,pass,nolog,setvar:tx.x=1\""))
        {
            var actions = ActionListParser.Parse(TextSource.Of(tokens[0]), _diagnostics);
            if (actions is not null)
            {
                rule = new PendingRule(RuleKind.SecAction, [], null, actions, line.Start);
            }
        }

        if (rule is null)
        {
            _builder.RuleFailed(LooksChained(line.Text));
        }
        else
        {
            _builder.AddRule(rule);
        }
    }

    private void ReadInclude(ArgumentToken argument, bool optional, FileContext context)
    {
        var files = IncludeExpander.Expand(argument, optional, context);
        if (files is null)
        {
            return;
        }

        foreach (var file in files)
        {
            if (_includeStack.Contains(file, StringComparer.Ordinal))
            {
                var cycle = string.Join(" → ", _includeStack.SkipWhile(f => f != file).Append(file));
                _diagnostics.Report(argument.Location, $"Include cycle: {cycle}.");
                continue;
            }

            if (_includeStack.Count >= MaxIncludeDepth)
            {
                _diagnostics.Report(argument.Location, $"Includes nest deeper than {MaxIncludeDepth} files; not reading {file}.");
                continue;
            }

            var content = Load(file, argument.Location, "Cannot read the included file");
            if (content is not null)
            {
                ReadContent(file, content);
            }
        }
    }

    private bool ExpectArguments(string directive, List<ArgumentToken> tokens, int min, int max, LogicalLine line, string form)
    {
        if (tokens.Count >= min && tokens.Count <= max)
        {
            return true;
        }

        _diagnostics.Report(line.Start, $"{directive} takes {form}; found {tokens.Count} argument{(tokens.Count == 1 ? "" : "s")}.");
        return false;
    }

    // For error recovery only: does a rule we could not parse seem to continue with a chained rule?
    private static bool LooksChained(string text)
    {
        for (var at = text.IndexOf("chain", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("chain", at + 5, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + 5 >= text.Length ? ' ' : text[at + 5];
            if (before is '"' or ',' or ' ' or '\t' && after is '"' or ',' or ' ' or '\t')
            {
                return true;
            }
        }

        return false;
    }
}
