using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

/// <summary>
/// Which variables may be computed once and reused. Two degrees, the first inside the second: request facts that
/// never change once known (their transformed forms are cached for the whole transaction), and the facts that cannot
/// change while a phase runs (a rule's target list made only of them is collected once per phase). TX, MATCHED_*,
/// RULE, REQBODY_* (ctl:requestBodyProcessor changes it in phase 1), sizes that grow with the body, time and the
/// persistent collections can change at any moment and are read afresh.
/// </summary>
internal static class VariableStability
{
    /// <summary>Scalars fixed for the rest of the transaction from the moment they have a value.</summary>
    public static bool IsFixedOnceKnown(VariableName name) => name is VariableName.RequestMethod or VariableName.RequestProtocol
        or VariableName.RequestUri or VariableName.RequestUriRaw or VariableName.RequestLine or VariableName.RequestFilename
        or VariableName.PathInfo or VariableName.RequestBasename or VariableName.QueryString or VariableName.RemoteAddr
        or VariableName.RequestBody or VariableName.ResponseBody;

    /// <summary>Variables (collections included) whose values cannot change while a phase runs.</summary>
    public static bool IsFixedWithinPhase(VariableName name) => IsFixedOnceKnown(name) || name is VariableName.Args
        or VariableName.ArgsGet or VariableName.ArgsPost or VariableName.ArgsNames or VariableName.ArgsGetNames
        or VariableName.ArgsPostNames or VariableName.ArgsCombinedSize or VariableName.RequestHeaders
        or VariableName.RequestHeadersNames or VariableName.RequestCookies or VariableName.RequestCookiesNames
        or VariableName.ResponseHeaders or VariableName.ResponseHeadersNames or VariableName.Files or VariableName.FilesNames
        or VariableName.FilesSizes or VariableName.FilesTmpContent or VariableName.FilesCombinedSize
        or VariableName.MultipartPartHeaders or VariableName.MultipartName or VariableName.MultipartFilename
        or VariableName.Xml or VariableName.RequestBodyLength or VariableName.RemoteHost or VariableName.RemotePort
        or VariableName.ServerAddr or VariableName.ServerPort;
}
