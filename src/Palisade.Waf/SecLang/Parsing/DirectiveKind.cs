namespace Palisade.Waf.SecLang.Parsing;

/// <summary>How a directive is handled; every engine setting shares <see cref="Setting"/>.</summary>
internal enum DirectiveKind
{
    Rule,
    Action,
    Marker,
    DefaultAction,
    Include,
    IncludeOptional,
    RemoveById,
    RemoveByTag,
    RemoveByMsg,
    UpdateTargetById,
    UpdateTargetByTag,
    UpdateTargetByMsg,
    UpdateActionById,
    Setting,
}
