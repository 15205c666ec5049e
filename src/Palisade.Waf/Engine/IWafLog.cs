namespace Palisade.Waf.Engine;

/// <summary>
/// Where a transaction writes its error-log lines and its audit record. Called synchronously from the transaction,
/// possibly from many threads at once: implementations must be thread-safe and quick (queue, do not block).
/// </summary>
public interface IWafLog
{
    /// <summary>One line per logging rule that matched, in ModSecurity's form (<c>… [id "942100"] [msg "…"] …</c>).</summary>
    void WriteError(WafTransaction transaction, string line);

    /// <summary>The transaction's JSON audit record (one line), written at the end of the logging phase.</summary>
    void WriteAudit(WafTransaction transaction, string json);
}
