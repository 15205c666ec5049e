using System.Globalization;
using System.Text.Json;
using Palisade.Waf.SecLang.Model;

namespace Palisade.Waf.Engine;

// The JSON audit record written at the end of phase 5 (the shape of libmodsecurity 3's JSON audit log).
public sealed partial class WafTransaction
{
    private void WriteAuditRecord()
    {
        if (_engine.Options.Log is not { } log)
        {
            return;
        }

        var engine = _auditEngine ?? _engine.Configuration.Settings.AuditEngine ?? AuditEngineMode.Off;
        var relevant = engine == AuditEngineMode.On || (engine == AuditEngineMode.RelevantOnly && (_auditRelevant || Intervention is not null || IsRelevantStatus()));
        if (!relevant)
        {
            return;
        }

        log.WriteAudit(this, BuildAuditRecord());
    }

    private bool IsRelevantStatus()
    {
        try
        {
            return _responseStatus is not null && _engine.AuditRelevantStatus?.IsMatch(_responseStatus) == true;
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>The audit record as one line of JSON.</summary>
    public string BuildAuditRecord()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("transaction");
            json.WriteString("client_ip", _remoteAddress);
            json.WriteString("time_stamp", _startTime.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture));
            json.WriteString("server_id", _engine.Options.ServerName);
            json.WriteNumber("client_port", int.TryParse(_remotePort, CultureInfo.InvariantCulture, out var clientPort) ? clientPort : 0);
            json.WriteString("host_ip", _serverAddress);
            json.WriteNumber("host_port", int.TryParse(_serverPort, CultureInfo.InvariantCulture, out var hostPort) ? hostPort : 0);
            json.WriteString("unique_id", Id);

            json.WriteStartObject("request");
            json.WriteString("method", _requestMethod ?? "");
            json.WriteString("http_version", _requestProtocol ?? "");
            json.WriteString("uri", _requestUriRaw ?? "");
            WriteHeaders(json, _requestHeaders);
            json.WriteEndObject();

            json.WriteStartObject("response");
            json.WriteNumber("http_code", Intervention?.Status ?? (int.TryParse(_responseStatus, CultureInfo.InvariantCulture, out var status) ? status : 0));
            WriteHeaders(json, _responseHeaders);
            json.WriteEndObject();

            json.WriteStartObject("producer");
            json.WriteString("modsecurity", "Palisade WAF engine");
            json.WriteString("secrules_engine", _mode.ToString());
            json.WriteStartArray("components");
            foreach (var component in _engine.ComponentSignatures)
            {
                json.WriteStringValue(component);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("messages");
            foreach (var rule in _matchedRules)
            {
                if (rule.ErrorLine.Length == 0)
                {
                    continue;
                }

                json.WriteStartObject();
                json.WriteString("message", rule.Message ?? "");
                json.WriteStartObject("details");
                json.WriteString("ruleId", rule.Id?.ToString(CultureInfo.InvariantCulture) ?? "");
                json.WriteString("phase", rule.Phase.ToString(CultureInfo.InvariantCulture));
                json.WriteString("data", rule.Data ?? "");
                json.WriteString("severity", rule.Severity?.ToString(CultureInfo.InvariantCulture) ?? "0");
                json.WriteStartArray("tags");
                foreach (var tag in rule.Tags)
                {
                    json.WriteStringValue(tag);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteHeaders(Utf8JsonWriter json, List<VariableEntry> headers)
    {
        json.WriteStartObject("headers");
        foreach (var header in headers)
        {
            json.WriteString(header.Key, header.Value);
        }

        json.WriteEndObject();
    }
}
