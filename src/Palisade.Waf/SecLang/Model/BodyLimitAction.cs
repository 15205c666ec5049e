namespace Palisade.Waf.SecLang.Model;

/// <summary>SecRequestBodyLimitAction / SecResponseBodyLimitAction: what happens past the body limit.</summary>
public enum BodyLimitAction
{
    Reject,
    ProcessPartial,
}
