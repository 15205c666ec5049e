using System.Runtime.InteropServices;
using System.Text;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// One request through libmodsecurity, called as its nginx connector calls it: connection, URI, headers, phase 1,
/// body, phase 2, response headers, phase 3, phase 4, logging, cleanup, with msc_intervention after each phase
/// that can intervene. All strings are encoded once here; a run passes pinned pointers and allocates nothing
/// managed.
/// </summary>
internal sealed unsafe class ModSecurityTransactionRunner : TransactionRunner
{
    private readonly ModSecurityWaf _waf;
    private readonly byte[] _clientAddress = ModSecurityWaf.NullTerminated(BenchRequest.ClientAddress);
    private readonly byte[] _serverAddress = ModSecurityWaf.NullTerminated(BenchRequest.ServerAddress);
    private readonly byte[] _target;
    private readonly byte[] _method;
    private readonly byte[] _httpVersion;
    private readonly byte[] _protocol;
    private readonly (byte[] Name, byte[] Value)[] _requestHeaders;
    private readonly byte[] _body;
    private readonly int _responseStatus;
    private readonly (byte[] Name, byte[] Value)[] _responseHeaders;

    public ModSecurityTransactionRunner(ModSecurityWaf waf, BenchRequest request)
    {
        _waf = waf;
        _target = ModSecurityWaf.NullTerminated(request.Target);
        _method = ModSecurityWaf.NullTerminated(request.Method);
        _httpVersion = ModSecurityWaf.NullTerminated(request.HttpVersion);
        _protocol = ModSecurityWaf.NullTerminated(request.Protocol);
        _requestHeaders = [.. request.Headers.Select(h => (Encoding.UTF8.GetBytes(h.Key), Encoding.UTF8.GetBytes(h.Value)))];
        _body = request.Body;
        _responseStatus = request.ResponseStatus;
        _responseHeaders = [.. request.ResponseHeaders.Select(h => (Encoding.UTF8.GetBytes(h.Key), Encoding.UTF8.GetBytes(h.Value)))];
    }

    public override string EngineName => "ModSecurity";

    public override int Run(StepClock? clock = null) => Execute(_waf.QuietInstance, 0, clock, out _);

    public override WafVerdict Inspect()
    {
        var lines = new List<string>();
        var handle = GCHandle.Alloc(lines);
        try
        {
            var status = Execute(_waf.CollectingInstance, GCHandle.ToIntPtr(handle), null, out var detail);
            return new WafVerdict(status == 0 ? null : status, detail, ErrorLogIds.Parse(lines), null);
        }
        finally
        {
            handle.Free();
        }
    }

    private int Execute(nint modSecurity, nint logData, StepClock? clock, out string? interventionLog)
    {
        interventionLog = null;
        var captureLog = logData != 0;
        clock?.Start();
        var transaction = ModSecurityNative.NewTransaction(modSecurity, _waf.Rules, logData);
        try
        {
            fixed (byte* client = _clientAddress, server = _serverAddress, target = _target, method = _method, version = _httpVersion)
            {
                ModSecurityNative.ProcessConnection(transaction, client, BenchRequest.ClientPort, server, BenchRequest.ServerPort);
                ModSecurityNative.ProcessUri(transaction, target, method, version);
            }

            clock?.Lap(TransactionStep.Begin);
            foreach (var (name, value) in _requestHeaders)
            {
                fixed (byte* namePointer = name, valuePointer = value)
                {
                    ModSecurityNative.AddRequestHeader(transaction, namePointer, (nuint)name.Length, valuePointer, (nuint)value.Length);
                }
            }

            ModSecurityNative.ProcessRequestHeaders(transaction);
            var status = TakeIntervention(transaction, captureLog, ref interventionLog);
            clock?.Lap(TransactionStep.RequestHeaders);
            if (status == 0)
            {
                if (_body.Length > 0)
                {
                    fixed (byte* body = _body)
                    {
                        ModSecurityNative.AppendRequestBody(transaction, body, (nuint)_body.Length);
                    }
                }

                ModSecurityNative.ProcessRequestBody(transaction);
                status = TakeIntervention(transaction, captureLog, ref interventionLog);
            }

            clock?.Lap(TransactionStep.RequestBody);
            if (status == 0)
            {
                foreach (var (name, value) in _responseHeaders)
                {
                    fixed (byte* namePointer = name, valuePointer = value)
                    {
                        ModSecurityNative.AddResponseHeader(transaction, namePointer, (nuint)name.Length, valuePointer, (nuint)value.Length);
                    }
                }

                fixed (byte* protocol = _protocol)
                {
                    ModSecurityNative.ProcessResponseHeaders(transaction, _responseStatus, protocol);
                }

                status = TakeIntervention(transaction, captureLog, ref interventionLog);
            }

            clock?.Lap(TransactionStep.ResponseHeaders);
            if (status == 0)
            {
                ModSecurityNative.ProcessResponseBody(transaction);
                status = TakeIntervention(transaction, captureLog, ref interventionLog);
            }

            clock?.Lap(TransactionStep.ResponseBody);
            ModSecurityNative.ProcessLogging(transaction);
            clock?.Lap(TransactionStep.Logging);
            return status;
        }
        finally
        {
            ModSecurityNative.TransactionCleanup(transaction);
            clock?.Lap(TransactionStep.End);
        }
    }

    private static int TakeIntervention(nint transaction, bool captureLog, ref string? log)
    {
        var intervention = new ModSecurityNative.InterventionData { Status = 200 };
        if (ModSecurityNative.TakeIntervention(transaction, ref intervention) == 0)
        {
            return 0;
        }

        if (captureLog && intervention.Log != 0)
        {
            log = Marshal.PtrToStringUTF8(intervention.Log);
        }

        ModSecurityNative.Free(intervention.Log);
        ModSecurityNative.Free(intervention.Url);
        return intervention.Status;
    }
}
