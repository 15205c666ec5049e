namespace Palisade.Waf.SecLang.Model;

/// <summary>How a variable's ':…' selector picks collection members.</summary>
public enum VariableSelectorKind
{
    /// <summary>No selector: the whole collection (or the scalar).</summary>
    None,

    /// <summary>A member name such as ARGS:foo (ModSecurity compares names ignoring case).</summary>
    Key,

    /// <summary>A regular expression over member names such as REQUEST_COOKIES:/__utm/.</summary>
    Regex,

    /// <summary>An XPath expression over the XML body such as XML:/* (only for XML).</summary>
    XPath,
}
