namespace Palisade.Waf.SecLang.Model;

/// <summary>What setvar (and its relatives) does to the target (libmodsecurity v3 src/actions/set_var.h names the same five).</summary>
public enum AssignmentMode
{
    /// <summary>collection.key=value</summary>
    Set,

    /// <summary>collection.key=+value: numeric addition.</summary>
    Add,

    /// <summary>collection.key=-value: numeric subtraction.</summary>
    Subtract,

    /// <summary>collection.key with no '=': set to 1.</summary>
    SetToOne,

    /// <summary>!collection.key: delete.</summary>
    Delete,
}
