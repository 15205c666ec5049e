using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Palisade.TestSupport.Native;

namespace Palisade.TestSupport.Network;

/// <summary>
/// A throw-away network of hosts, each in its own network namespace, joined by one Ethernet switch.
/// </summary>
/// <remarks>
/// <para>Layout for <c>Create("a", "b")</c> with lab id <c>k3x9qz</c>:</para>
/// <code>
///   pal-k3x9qz-sw : bridge br0, ports p1, p2         (the switch; IPv6 off, so it never talks itself)
///   pal-k3x9qz-a  : lo, eth0 = 198.18.0.1/24, 2001:2::1/64, MAC 02:00:c6:12:00:01  (veth peer of p1)
///   pal-k3x9qz-b  : lo, eth0 = 198.18.0.2/24, 2001:2::2/64, MAC 02:00:c6:12:00:02  (veth peer of p2)
/// </code>
/// <para>Host i (0-based, in the order given) gets 198.18.0.(i+1), 2001:2::(i+1) (the same decimal digits, so host 12
/// is 198.18.0.12 and 2001:2::12) and MAC 02:00:c6:12:00:(i+1 in hex):
/// deterministic, so a failing test's output can be read without a map, and the same in every lab (labs never share a
/// link, so they cannot collide). There is no default route anywhere, so nothing a test sends can leave the lab. The
/// bridge lives in its own namespace: no interface, address, route or firewall rule is ever added to the root
/// namespace. Every veth end is created directly inside its namespace (<c>ip -n sw link add p1 ... peer name eth0
/// netns host</c>), so interface names only need to be unique per namespace and "eth0" works everywhere.</para>
/// <para>Inside each host: IPv6 addresses are added with nodad and DAD is off (addresses usable at once, no 1-2 s
/// tentative wait); rp_filter is 0 (a new namespace inherits IPv4 settings from the root namespace, and with no
/// default route any rp_filter would drop spoofed probe sources before the INPUT hook); forwarding is off; ICMP
/// error rate limiting is off (so every refused probe is reported). Create returns once every interface is UP and
/// no address is tentative.</para>
/// <para>Dispose deletes every namespace of the lab, which destroys its veths and bridge, after killing the
/// processes the lab started. Leftovers of a crashed run are removed by <see cref="CleanupStale"/>, which the first
/// <see cref="Create"/> of each process calls.</para>
/// </remarks>
public sealed partial class NetworkLab : IAsyncDisposable, IDisposable
{
    /// <summary>The first label of every namespace a lab creates.</summary>
    public const string DefaultPrefix = "pal";

    public const string SwitchRole = "sw";

    public const string BridgeName = "br0";

    /// <summary>The lab's IPv4 subnet: 198.18.0.0/24 (benchmarking range, RFC 2544).</summary>
    public const int IPv4PrefixLength = 24;

    /// <summary>The lab's IPv6 subnet: 2001:2::/64 (benchmarking range, RFC 5180).</summary>
    public const int IPv6PrefixLength = 64;

    private const int MaxHosts = 200;
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static readonly TimeSpan LinkReadyTimeout = TimeSpan.FromSeconds(5);
    private static readonly object LiveLabsLock = new();
    private static readonly HashSet<NetworkLab> LiveLabs = [];
    private static bool _cleanedUpAtStart;

    private readonly List<IDisposable> _owned = [];
    private readonly object _ownedLock = new();
    private readonly List<LabHost> _hosts = [];
    private int _disposed;

    private NetworkLab(string id)
    {
        Id = id;
        Prefix = $"{DefaultPrefix}-{id}";
        SwitchNamespace = $"{Prefix}-{SwitchRole}";
    }

    /// <summary>Six random characters that make this lab's names unique, e.g. "k3x9qz".</summary>
    public string Id { get; }

    /// <summary>"pal-" plus <see cref="Id"/>: every namespace of the lab starts with it.</summary>
    public string Prefix { get; }

    /// <summary>The namespace that holds the bridge.</summary>
    public string SwitchNamespace { get; }

    public IReadOnlyList<LabHost> Hosts => _hosts;

    /// <summary>The host with the given role.</summary>
    public LabHost this[string role] =>
        _hosts.Find(h => h.Role == role) ?? throw new KeyNotFoundException($"no host '{role}' in lab {Id}; hosts: {string.Join(", ", _hosts.Select(h => h.Role))}");

    /// <summary>
    /// Creates a lab with one host per role (lower-case letters and digits, starting with a letter, at most 10
    /// characters, not "sw"). Throws <see cref="PlatformNotSupportedException"/> with the reason when this machine
    /// cannot run labs (see <see cref="IsSupported"/>).
    /// </summary>
    public static NetworkLab Create(params string[] hostRoles)
    {
        ArgumentNullException.ThrowIfNull(hostRoles);
        ValidateRoles(hostRoles);
        if (!IsSupported(out var reason))
        {
            throw new PlatformNotSupportedException($"Network lab unavailable: {reason}");
        }

        CleanupStaleOnce();
        var lab = new NetworkLab(RandomNumberGenerator.GetString(IdAlphabet, 6));
        lock (LiveLabsLock)
        {
            LiveLabs.Add(lab);
        }

        try
        {
            lab.Build(hostRoles);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether labs work here: Linux, root, ip and nft present, and a namespace can be created and used. Checked once
    /// per process. <paramref name="reason"/> says what is missing.
    /// </summary>
    public static bool IsSupported(out string reason)
    {
        reason = LabSupport.UnsupportedReason ?? string.Empty;
        return LabSupport.UnsupportedReason is null;
    }

    /// <summary>
    /// Deletes namespaces named <c>{prefix}-xxxxxx-role</c> that a crashed earlier run left behind: those whose
    /// owning process is gone and that were created before this process started. Labs of test processes still
    /// running (dotnet test runs assemblies in parallel) are left alone. Returns how many namespaces were deleted.
    /// </summary>
    public static int CleanupStale(string prefix = DefaultPrefix)
    {
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a lab prefix: it must start with '{DefaultPrefix}' and use only a-z, 0-9 and '-'", nameof(prefix));
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return LabOwnership.CleanupStale(prefix, self.StartTime.ToUniversalTime());
    }

    /// <summary>Deletes every namespace of the lab and kills what it started. Never throws.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        IDisposable[] owned;
        lock (_ownedLock)
        {
            owned = [.. _owned];
            _owned.Clear();
        }

        foreach (var item in owned.Reverse())
        {
            try
            {
                item.Dispose();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Teardown must reach the namespace deletion below whatever a helper did.
            }
        }

        try
        {
            LabOwnership.Delete([.. _hosts.Select(h => h.Name), SwitchNamespace]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Owner file stays; CleanupStale in a later run removes what is left.
            return;
        }

        LabOwnership.Release(Prefix);
        lock (LiveLabsLock)
        {
            LiveLabs.Remove(this);
        }
    }

    public ValueTask DisposeAsync()
    {
        // Teardown is a handful of short ip commands; run it off the caller's thread rather than making it async.
        return new ValueTask(Task.Run(Dispose));
    }

    public override string ToString() => $"lab {Id} ({string.Join(", ", _hosts)})";

    /// <summary>Registers something the lab must dispose before deleting its namespaces (processes, servers).</summary>
    internal T Own<T>(T item)
        where T : IDisposable
    {
        lock (_ownedLock)
        {
            if (_disposed != 0)
            {
                item.Dispose();
                throw new ObjectDisposedException(ToString());
            }

            _owned.Add(item);
        }

        return item;
    }

    internal void Disown(IDisposable item)
    {
        lock (_ownedLock)
        {
            _owned.Remove(item);
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed != 0, this);

    private static void ValidateRoles(string[] roles)
    {
        if (roles.Length is 0 or > MaxHosts)
        {
            throw new ArgumentException($"a lab needs 1 to {MaxHosts} hosts, got {roles.Length}", nameof(roles));
        }

        foreach (var role in roles)
        {
            if (role is null || !RolePattern().IsMatch(role) || role == SwitchRole)
            {
                throw new ArgumentException($"host role '{role}' must be 1-10 of a-z and 0-9, start with a letter, and not be '{SwitchRole}'", nameof(roles));
            }
        }

        if (roles.Distinct(StringComparer.Ordinal).Count() != roles.Length)
        {
            throw new ArgumentException($"host roles must be unique: {string.Join(", ", roles)}", nameof(roles));
        }
    }

    private static void CleanupStaleOnce()
    {
        lock (LiveLabsLock)
        {
            if (_cleanedUpAtStart)
            {
                return;
            }

            _cleanedUpAtStart = true;
            // Also dispose labs a test forgot, when the test host exits normally.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeLiveLabs();
        }

        CleanupStale();
    }

    private static void DisposeLiveLabs()
    {
        NetworkLab[] labs;
        lock (LiveLabsLock)
        {
            labs = [.. LiveLabs];
        }

        foreach (var lab in labs)
        {
            lab.Dispose();
        }
    }

    private void Build(string[] roles)
    {
        // The owner file comes first, so no instant exists where our namespaces look ownerless to a concurrent cleaner.
        LabOwnership.Claim(Prefix);
        for (var i = 0; i < roles.Length; i++)
        {
            var index = i + 1;
            _hosts.Add(new LabHost(
                this,
                roles[i],
                $"{Prefix}-{roles[i]}",
                index,
                IPAddress.Parse($"198.18.0.{index}"),
                IPAddress.Parse($"2001:2::{index}"),
                PhysicalAddress.Parse($"02-00-C6-12-00-{index:X2}")));
        }

        Ip(null, string.Concat(_hosts.Select(h => $"netns add {h.Name}\n")) + $"netns add {SwitchNamespace}\n");

        // Sysctls before any interface exists: a new device copies the namespace's "default" settings when it appears.
        NamespaceThread.Run(SwitchNamespace, () =>
        {
            WriteSysctl("net/ipv6/conf/all/disable_ipv6", "1");
            WriteSysctl("net/ipv6/conf/default/disable_ipv6", "1");
            // br_netfilter is built into this kernel: keep bridged frames out of the switch's (empty) IP hooks.
            WriteSysctl("net/bridge/bridge-nf-call-iptables", "0", optional: true);
            WriteSysctl("net/bridge/bridge-nf-call-ip6tables", "0", optional: true);
            WriteSysctl("net/bridge/bridge-nf-call-arptables", "0", optional: true);
            return 0;
        });
        foreach (var host in _hosts)
        {
            NamespaceThread.Run(host.Name, () =>
            {
                foreach (var scope in new[] { "all", "default" })
                {
                    WriteSysctl($"net/ipv6/conf/{scope}/disable_ipv6", "0");
                    WriteSysctl($"net/ipv6/conf/{scope}/accept_dad", "0");
                    WriteSysctl($"net/ipv6/conf/{scope}/accept_ra", "0");
                    WriteSysctl($"net/ipv6/conf/{scope}/router_solicitations", "0");
                    WriteSysctl($"net/ipv6/conf/{scope}/forwarding", "0");
                    WriteSysctl($"net/ipv4/conf/{scope}/rp_filter", "0");
                    WriteSysctl($"net/ipv4/conf/{scope}/forwarding", "0");
                }

                // ICMP errors are rate-limited per destination (1/s by default): a second Refused probe within a second
                // would read as silence. Tests want every answer.
                WriteSysctl("net/ipv4/icmp_ratelimit", "0");
                WriteSysctl("net/ipv6/icmp/ratelimit", "0");

                return 0;
            });
        }

        var sw = new StringBuilder();
        // No multicast snooping: with no querier on the segment it only delays IPv6 neighbour discovery.
        sw.Append(CultureInfo.InvariantCulture, $"link add {BridgeName} type bridge stp_state 0 mcast_snooping 0\n");
        foreach (var host in _hosts)
        {
            var port = SwitchPort(host);
            sw.Append(CultureInfo.InvariantCulture, $"link add {port} type veth peer name {host.InterfaceName} address {FormatMac(host.MacAddress)} netns {host.Name}\n");
            sw.Append(CultureInfo.InvariantCulture, $"link set {port} master {BridgeName}\n");
            sw.Append(CultureInfo.InvariantCulture, $"link set {port} up\n");
        }

        sw.Append(CultureInfo.InvariantCulture, $"link set {BridgeName} up\n");
        Ip(SwitchNamespace, sw.ToString());

        foreach (var host in _hosts)
        {
            Ip(host.Name,
                "link set lo up\n" +
                $"addr add {host.IPv4}/{IPv4PrefixLength} dev {host.InterfaceName}\n" +
                $"addr add {host.IPv6}/{IPv6PrefixLength} dev {host.InterfaceName} nodad\n" +
                $"link set {host.InterfaceName} up\n");
        }

        foreach (var host in _hosts)
        {
            WaitUntilReady(host.Name, host.InterfaceName);
        }
    }

    internal static void Ip(string? namespaceName, string batch)
    {
        string[] args = namespaceName is null ? ["-batch", "-"] : ["-n", namespaceName, "-batch", "-"];
        var result = CommandRunner.Run(LabTools.Ip, args, batch);
        if (!result.Succeeded)
        {
            throw new LabCommandException(result, $"ip batch failed:\n{batch}");
        }
    }

    /// <summary>
    /// Waits until the interface is really usable: the kernel's link watcher has brought it to operstate UP (until
    /// then it still has the noop qdisc and silently drops what is sent through it, so a test's first probe could
    /// vanish), and no address is still tentative. With DAD off, "tentative" lasts only until the addrconf work item
    /// runs, but on a loaded machine that can be tens of milliseconds after the link came up.
    /// </summary>
    private static void WaitUntilReady(string namespaceName, string interfaceName)
    {
        var deadline = DateTime.UtcNow + LinkReadyTimeout;
        while (true)
        {
            var result = CommandRunner.Run(LabTools.Ip, ["-n", namespaceName, "-j", "addr", "show", "dev", interfaceName]).EnsureSuccess();
            using var json = JsonDocument.Parse(result.StandardOutput);
            var link = json.RootElement[0];
            var up = link.GetProperty("operstate").GetString() == "UP";
            var tentative = link.GetProperty("addr_info").EnumerateArray().Any(a => a.TryGetProperty("tentative", out _));
            if (up && !tentative)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{interfaceName} in {namespaceName} was not ready within {LinkReadyTimeout}: {result.StandardOutput}");
            }

            Thread.Sleep(10);
        }
    }

    /// <summary>
    /// Writes /proc/sys/... from a thread that has entered the namespace: /proc/sys/net resolves to the namespace of
    /// the calling thread, so no `ip netns exec sysctl` process (and no procps dependency) is needed.
    /// </summary>
    internal static void WriteSysctl(string key, string value, bool optional = false)
    {
        var path = "/proc/sys/" + key;
        if (optional && !File.Exists(path))
        {
            return;
        }

        File.WriteAllText(path, value);
    }

    private static string SwitchPort(LabHost host) => $"p{host.Index}";

    private static string FormatMac(PhysicalAddress mac) =>
        string.Join(':', mac.GetAddressBytes().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    [GeneratedRegex("^[a-z][a-z0-9]{0,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex RolePattern();

    [GeneratedRegex("^pal[a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixPattern();
}
