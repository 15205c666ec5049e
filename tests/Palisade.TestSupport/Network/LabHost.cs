using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using Palisade.TestSupport.Native;

namespace Palisade.TestSupport.Network;

/// <summary>
/// One host of a <see cref="NetworkLab"/>: a network namespace with loopback and one Ethernet interface on the lab
/// switch. Everything here acts inside that namespace and nowhere else.
/// </summary>
public sealed partial class LabHost
{
    private readonly List<string> _extraAddresses = [];
    private int _interfaceIndex;

    internal LabHost(NetworkLab lab, string role, string name, int index, IPAddress ipv4, IPAddress ipv6, PhysicalAddress macAddress)
    {
        Lab = lab;
        Role = role;
        Name = name;
        Index = index;
        IPv4 = ipv4;
        IPv6 = ipv6;
        MacAddress = macAddress;
    }

    public NetworkLab Lab { get; }

    /// <summary>The role given to <see cref="NetworkLab.Create"/>, e.g. "client".</summary>
    public string Role { get; }

    /// <summary>The network namespace, as <c>ip netns</c> knows it: "pal-k3x9qz-client".</summary>
    public string Name { get; }

    /// <summary>1-based position in the lab; the last byte of <see cref="IPv4"/> and of <see cref="MacAddress"/>.</summary>
    public int Index { get; }

    /// <summary>The host's interface on the lab switch, inside its namespace.</summary>
    public string InterfaceName => "eth0";

    /// <summary>198.18.0.N (/24).</summary>
    public IPAddress IPv4 { get; }

    /// <summary>2001:2::N (/64), usable immediately (nodad).</summary>
    public IPAddress IPv6 { get; }

    /// <summary>02:00:c6:12:00:NN, the MAC of <see cref="InterfaceName"/>: what a link-layer injector sends to.</summary>
    public PhysicalAddress MacAddress { get; }

    /// <summary>Addresses added with <see cref="AddAddress"/>, as given.</summary>
    public IReadOnlyList<string> ExtraAddresses
    {
        get
        {
            lock (_extraAddresses)
            {
                return [.. _extraAddresses];
            }
        }
    }

    /// <summary>The ifindex of <see cref="InterfaceName"/> inside the namespace (for sockaddr_ll).</summary>
    public int InterfaceIndex
    {
        get
        {
            if (_interfaceIndex == 0)
            {
                _interfaceIndex = InNamespace(() =>
                {
                    var index = LibC.InterfaceNameToIndex(InterfaceName);
                    return index == 0 ? throw LibC.Error($"if_nametoindex({InterfaceName})") : (int)index;
                });
            }

            return _interfaceIndex;
        }
    }

    /// <summary>
    /// Adds another address to <see cref="InterfaceName"/>, e.g. "198.18.0.100/24" or "2001:2::100/64" (IPv6 with
    /// nodad). Only the benchmarking ranges 198.18.0.0/15 and 2001:2::/48 are allowed, so a test cannot accidentally
    /// claim a real address.
    /// </summary>
    public void AddAddress(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        Lab.ThrowIfDisposed();
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !IPAddress.TryParse(cidr[..slash], out var address)
            || !int.TryParse(cidr[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length)
            || length > (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            throw new ArgumentException($"'{cidr}' is not an address with prefix length, e.g. 198.18.0.100/24", nameof(cidr));
        }

        if (!LabAddresses.IsBenchmarking(address))
        {
            throw new ArgumentException($"'{cidr}' is outside the lab ranges 198.18.0.0/15 and 2001:2::/48", nameof(cidr));
        }

        var nodad = address.AddressFamily == AddressFamily.InterNetworkV6 ? " nodad" : string.Empty;
        NetworkLab.Ip(Name, $"addr add {cidr} dev {InterfaceName}{nodad}\n");
        lock (_extraAddresses)
        {
            _extraAddresses.Add(cidr);
        }
    }

    /// <summary>Runs <c>ip netns exec &lt;ns&gt; fileName args...</c> to completion (30 s limit) and returns its output.</summary>
    public Task<CommandResult> RunAsync(string fileName, params string[] arguments) =>
        RunAsync(fileName, arguments, CommandRunner.DefaultTimeout);

    /// <summary>
    /// Runs a program inside the namespace to completion. On timeout the program's process tree is killed and a
    /// <see cref="TimeoutException"/> carries what it printed so far.
    /// </summary>
    public Task<CommandResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        string? standardInput = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        Lab.ThrowIfDisposed();
        return CommandRunner.RunAsync(LabTools.Ip, ["netns", "exec", Name, ResolveTool(fileName), .. arguments], standardInput, timeout, cancellationToken);
    }

    /// <summary>Applies an nft script (<c>nft -f -</c>) inside the namespace; throws with nft's error text if it fails.</summary>
    public void Nft(string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        Lab.ThrowIfDisposed();
        var result = CommandRunner.Run(LabTools.Ip, ["netns", "exec", Name, LabTools.Nft, "-f", "-"], script);
        if (!result.Succeeded)
        {
            throw new LabCommandException(result, $"nft rejected the script in {Name}:\n{script}\n");
        }
    }

    /// <inheritdoc cref="Nft"/>
    public async Task NftAsync(string script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        var result = await RunAsync(LabTools.Nft, ["-f", "-"], CommandRunner.DefaultTimeout, script, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LabCommandException(result, $"nft rejected the script in {Name}:\n{script}\n");
        }
    }

    /// <summary>
    /// <c>nft -j list &lt;listArguments&gt;</c>, e.g. <c>NftJson("table inet x")</c> or <c>NftJson("ruleset")</c>;
    /// <paramref name="numeric"/> adds <c>-n</c> (protocols, ports and ICMP types as numbers). The caller disposes
    /// the document.
    /// </summary>
    public JsonDocument NftJson(string listArguments, bool numeric = false)
    {
        ArgumentNullException.ThrowIfNull(listArguments);
        Lab.ThrowIfDisposed();
        string[] options = numeric ? ["-j", "-n"] : ["-j"];
        var result = CommandRunner.Run(LabTools.Ip, ["netns", "exec", Name, LabTools.Nft, .. options, "list", .. SplitWords(listArguments)]);
        if (!result.Succeeded)
        {
            throw new LabCommandException(result, $"nft list {listArguments} failed in {Name}");
        }

        return JsonDocument.Parse(result.StandardOutput);
    }

    /// <summary>
    /// Starts a long-running program inside the namespace. Its output is captured for diagnostics; disposing the
    /// handle (or the lab) kills exactly that process tree.
    /// </summary>
    public LabProcess StartProcess(string fileName, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        Lab.ThrowIfDisposed();
        return Lab.Own(LabProcess.Start(this, LabTools.Ip, ["netns", "exec", Name, ResolveTool(fileName), .. arguments]));
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a new thread that has entered this namespace (setns), and returns its result.
    /// Anything the action creates that is bound to a namespace, a socket above all, stays in this namespace for
    /// life. The action must be synchronous: code after an await would run outside the namespace.
    /// </summary>
    public T InNamespace<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Lab.ThrowIfDisposed();
        return NamespaceThread.Run(Name, action);
    }

    /// <inheritdoc cref="InNamespace{T}"/>
    public Task<T> InNamespaceAsync<T>(Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        Lab.ThrowIfDisposed();
        return NamespaceThread.RunAsync(Name, action);
    }

    /// <summary>Sets a sysctl of this namespace, e.g. <c>SetSysctl("net.ipv4.conf.all.rp_filter", "1")</c>.</summary>
    public void SetSysctl(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        InNamespace(() =>
        {
            NetworkLab.WriteSysctl(name.Replace('.', '/'), value);
            return 0;
        });
    }

    /// <summary>Reads a sysctl of this namespace, e.g. <c>GetSysctl("net.netfilter.nf_conntrack_checksum")</c>.</summary>
    public string GetSysctl(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return InNamespace(() => File.ReadAllText("/proc/sys/" + name.Replace('.', '/')).Trim());
    }

    public override string ToString() => $"{Role} ({Name} {IPv4} {IPv6})";

    // `ip netns exec` looks the program up on its own PATH; resolve sbin tools (nft, sysctl) for a non-root PATH.
    private static string ResolveTool(string fileName) => LabTools.Find(fileName) ?? fileName;

    private static string[] SplitWords(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
