using System.Runtime.InteropServices;

namespace Palisade.Benchmarks.Waf;

/// <summary>
/// The C API of libmodsecurity 3 (Debian's libmodsecurity3 3.0.9 ships the library without headers). Signatures from
/// the project's public headers: modsecurity/modsecurity.h, rules_set.h, transaction.h and intervention.h of
/// owasp-modsecurity/ModSecurity v3. Strings are passed as pointers to UTF-8 bytes the caller keeps pinned, so a
/// call marshals nothing and allocates nothing on our side.
/// </summary>
internal static unsafe partial class ModSecurityNative
{
    public const string Library = "libmodsecurity.so.3";

    [LibraryImport(Library, EntryPoint = "msc_init")]
    public static partial nint Init();

    [LibraryImport(Library, EntryPoint = "msc_who_am_i")]
    public static partial nint WhoAmI(nint modSecurity);

    [LibraryImport(Library, EntryPoint = "msc_set_log_cb")]
    public static partial void SetLogCallback(nint modSecurity, delegate* unmanaged<nint, nint, void> callback);

    [LibraryImport(Library, EntryPoint = "msc_cleanup")]
    public static partial void Cleanup(nint modSecurity);

    [LibraryImport(Library, EntryPoint = "msc_create_rules_set")]
    public static partial nint CreateRulesSet();

    /// <summary>Returns the number of rules added, or a negative number with <paramref name="error"/> set to a malloc'ed message.</summary>
    [LibraryImport(Library, EntryPoint = "msc_rules_add_file")]
    public static partial int RulesAddFile(nint rules, byte* file, out nint error);

    [LibraryImport(Library, EntryPoint = "msc_rules_cleanup")]
    public static partial int RulesCleanup(nint rules);

    [LibraryImport(Library, EntryPoint = "msc_new_transaction")]
    public static partial nint NewTransaction(nint modSecurity, nint rules, nint logCallbackData);

    [LibraryImport(Library, EntryPoint = "msc_process_connection")]
    public static partial int ProcessConnection(nint transaction, byte* client, int clientPort, byte* server, int serverPort);

    /// <summary>ModSecurity calls the method "protocol" here; the version is "1.1" without "HTTP/", as its nginx connector passes it.</summary>
    [LibraryImport(Library, EntryPoint = "msc_process_uri")]
    public static partial int ProcessUri(nint transaction, byte* uri, byte* method, byte* httpVersion);

    [LibraryImport(Library, EntryPoint = "msc_add_n_request_header")]
    public static partial int AddRequestHeader(nint transaction, byte* name, nuint nameLength, byte* value, nuint valueLength);

    [LibraryImport(Library, EntryPoint = "msc_process_request_headers")]
    public static partial int ProcessRequestHeaders(nint transaction);

    [LibraryImport(Library, EntryPoint = "msc_append_request_body")]
    public static partial int AppendRequestBody(nint transaction, byte* body, nuint length);

    [LibraryImport(Library, EntryPoint = "msc_process_request_body")]
    public static partial int ProcessRequestBody(nint transaction);

    [LibraryImport(Library, EntryPoint = "msc_add_n_response_header")]
    public static partial int AddResponseHeader(nint transaction, byte* name, nuint nameLength, byte* value, nuint valueLength);

    [LibraryImport(Library, EntryPoint = "msc_process_response_headers")]
    public static partial int ProcessResponseHeaders(nint transaction, int status, byte* protocol);

    [LibraryImport(Library, EntryPoint = "msc_process_response_body")]
    public static partial int ProcessResponseBody(nint transaction);

    [LibraryImport(Library, EntryPoint = "msc_process_logging")]
    public static partial int ProcessLogging(nint transaction);

    /// <summary>Non-zero when a disruptive action is pending; its url and log are then malloc'ed copies the caller frees.</summary>
    [LibraryImport(Library, EntryPoint = "msc_intervention")]
    public static partial int TakeIntervention(nint transaction, ref InterventionData intervention);

    [LibraryImport(Library, EntryPoint = "msc_transaction_cleanup")]
    public static partial void TransactionCleanup(nint transaction);

    /// <summary>For the strings libmodsecurity hands over with strdup.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "free")]
    public static partial void Free(nint pointer);

    /// <summary>struct ModSecurityIntervention_t (intervention.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct InterventionData
    {
        public int Status;
        public int Pause;
        public nint Url;
        public nint Log;
        public int Disruptive;
    }
}
