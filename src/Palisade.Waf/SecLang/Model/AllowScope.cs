namespace Palisade.Waf.SecLang.Model;

/// <summary>How far "allow" reaches: allow (the rest of the transaction), allow:phase, allow:request.</summary>
public enum AllowScope
{
    Transaction,
    Phase,
    Request,
}
