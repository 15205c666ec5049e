namespace Palisade.Waf.BodyProcessing;

/// <summary>
/// The XPath subset an XML:… target may use, compiled once when the rule loads: absolute location paths of child
/// ("/") and descendant ("//") steps, each "*", a qualified name, "@*", "@name" or "text()" (the last two only at the
/// end). This covers CRS's XML:/* (the text content of the document element) and XML://@* (every attribute value).
/// Names compare as written, prefix included, since rules cannot bind namespaces here. Immutable and thread-safe.
/// </summary>
internal sealed class XmlPath
{
    private XmlPath(string expression, XmlPathStep[] steps)
    {
        Expression = expression;
        Steps = steps;
        IsDocumentElement = steps is [{ Descendant: false, Kind: XmlPathNodeKind.Element, Name: null }];
        IsAllAttributes = steps is [{ Descendant: true, Kind: XmlPathNodeKind.Attribute, Name: null }];
    }

    public string Expression { get; }

    public IReadOnlyList<XmlPathStep> Steps { get; }

    /// <summary>"/*": CRS's XML:/*.</summary>
    public bool IsDocumentElement { get; }

    /// <summary>"//@*": CRS's XML://@*.</summary>
    public bool IsAllAttributes { get; }

    public override string ToString() => Expression;

    public static XmlPath Parse(string expression) =>
        TryParse(expression, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Compiles <paramref name="expression"/>, or says what is wrong with it and what is accepted.</summary>
    public static bool TryParse(string? expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out XmlPath? path, out string error)
    {
        path = null;
        error = string.Empty;
        if (string.IsNullOrEmpty(expression) || expression[0] != '/')
        {
            error = $"XPath '{expression}' is not accepted: expected an absolute path such as /*, //@*, /root/item or //item/@id.";
            return false;
        }

        var steps = new List<XmlPathStep>();
        var position = 0;
        while (position < expression.Length)
        {
            if (expression[position] != '/')
            {
                error = $"XPath '{expression}' is not accepted: expected '/' at position {position + 1}.";
                return false;
            }

            var descendant = position + 1 < expression.Length && expression[position + 1] == '/';
            position += descendant ? 2 : 1;
            var end = expression.IndexOf('/', position);
            if (end < 0)
            {
                end = expression.Length;
            }

            var test = expression.AsSpan(position, end - position);
            if (steps.Count > 0 && steps[^1].Kind != XmlPathNodeKind.Element)
            {
                error = $"XPath '{expression}' is not accepted: an attribute or text() step must be the last one.";
                return false;
            }

            if (!TryParseStep(test, descendant, out var step))
            {
                error = $"XPath '{expression}' is not accepted: step '{test}' should be *, a name, @*, @name or text() (no predicates or axes).";
                return false;
            }

            steps.Add(step);
            position = end;
        }

        path = new XmlPath(expression, [.. steps]);
        return true;
    }

    private static bool TryParseStep(ReadOnlySpan<char> test, bool descendant, out XmlPathStep step)
    {
        step = default;
        if (test.SequenceEqual("text()"))
        {
            step = new XmlPathStep(descendant, XmlPathNodeKind.Text, null);
            return true;
        }

        var kind = XmlPathNodeKind.Element;
        if (!test.IsEmpty && test[0] == '@')
        {
            kind = XmlPathNodeKind.Attribute;
            test = test[1..];
        }

        if (test.SequenceEqual("*"))
        {
            step = new XmlPathStep(descendant, kind, null);
            return true;
        }

        if (!IsQualifiedName(test))
        {
            return false;
        }

        step = new XmlPathStep(descendant, kind, test.ToString());
        return true;
    }

    private static bool IsQualifiedName(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name[0] == ':' || name[^1] == ':' || name.IndexOf(':') != name.LastIndexOf(':'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':' || c > '\u007F'))
            {
                return false;
            }
        }

        return !char.IsAsciiDigit(name[0]) && name[0] is not ('-' or '.');
    }
}
