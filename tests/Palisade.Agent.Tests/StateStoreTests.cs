using Microsoft.Extensions.Logging.Abstractions;
using Palisade.Agent.State;
using Palisade.Contracts.Agent;
using Palisade.SecurityGroups.Model;

namespace Palisade.Agent.Tests;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StateStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "palisade-agent-tests", Guid.NewGuid().ToString("N"), "state");

    [Fact]
    public void Prepare_NewDirectory_CreatesItReadableByOwnerOnly()
    {
        var store = new StateStore(_directory, NullLogger.Instance);

        store.Prepare();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public void Prepare_ExistingOpenDirectory_TightensItTo0700()
    {
        Directory.CreateDirectory(_directory);
        File.SetUnixFileMode(_directory, (UnixFileMode)0b111_111_111);

        new StateStore(_directory, NullLogger.Instance).Prepare();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_directory));
    }

    [Fact]
    public void SaveApplied_ThenLoad_RoundTripsPolicyScriptAndCounterBindings()
    {
        var store = PreparedStore();
        var state = SampleState(revision: 7, script: "table inet palisade {}\n");

        store.SaveApplied(state);
        var loaded = new StateStore(_directory, NullLogger.Instance).LoadApplied();

        Assert.NotNull(loaded);
        Assert.Equal((7L, state.Digest, state.Script, "i-test"), (loaded.Revision, loaded.Digest, loaded.Script, loaded.Policy.InstanceId));
        Assert.Equal(state.Counters, loaded.Counters);
        Assert.Equal("eth0", Assert.Single(loaded.Policy.Nics).DeviceName);
        Assert.Equal(state.Script, File.ReadAllText(Path.Combine(_directory, StateStore.ScriptFileName)));
    }

    [Fact]
    public void SaveApplied_Files_AreReadableByOwnerOnly()
    {
        var store = PreparedStore();

        store.SaveApplied(SampleState(1, "x"));
        store.SaveCounters(new CounterDocument());

        foreach (var file in Directory.GetFiles(_directory))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void AtomicWrite_WriterFailsHalfway_OldContentStaysAndNoTemporaryFileRemains()
    {
        var store = PreparedStore();
        store.SaveApplied(SampleState(1, "first"));
        var path = Path.Combine(_directory, StateStore.StateFileName);
        var before = File.ReadAllBytes(path);

        var thrown = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{\"FormatVersion\": 1, \"Revi"u8);
            throw new IOException("disk full (simulated)");
        }));

        Assert.Equal("disk full (simulated)", thrown.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(1, store.LoadApplied()!.Revision);
        Assert.Empty(Directory.GetFiles(_directory, "*" + AtomicFile.TemporarySuffix));
    }

    [Fact]
    public void Prepare_AfterCrashMidWrite_KeepsLastCompleteStateAndRemovesTheTornFile()
    {
        var store = PreparedStore();
        store.SaveApplied(SampleState(3, "third"));
        // A process killed while writing leaves its temporary file half-written, and nothing renamed.
        var torn = Path.Combine(_directory, $"{StateStore.StateFileName}.{Guid.NewGuid():N}{AtomicFile.TemporarySuffix}");
        File.WriteAllText(torn, "{\"FormatVersion\": 1, \"InstanceId\": \"i-test\", \"Revis");

        var restarted = new StateStore(_directory, NullLogger.Instance);
        restarted.Prepare();

        Assert.False(File.Exists(torn));
        var loaded = restarted.LoadApplied();
        Assert.Equal((3L, "third"), (loaded!.Revision, loaded.Script));
    }

    [Theory]
    [InlineData("{\"FormatVersion\": 1, \"InstanceId\": \"i-test\", \"Revis")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"FormatVersion\": 99, \"InstanceId\": \"i\", \"Digest\": \"d\", \"TableName\": \"t\", \"Script\": \"s\", \"Policy\": {\"InstanceId\": \"i\"}}")]
    [InlineData("{\"FormatVersion\": 1, \"Digest\": \"d\"}")]
    public void LoadApplied_DamagedFile_IsTreatedAsMissing(string content)
    {
        var store = PreparedStore();
        File.WriteAllText(Path.Combine(_directory, StateStore.StateFileName), content);

        Assert.Null(store.LoadApplied());
    }

    [Fact]
    public void Counters_SaveThenLoad_RoundTripCarriedAndLive()
    {
        var store = PreparedStore();
        var document = new CounterDocument
        {
            Carried = [new RuleCounter { Name = "sgr-1", Packets = 10, Bytes = 600 }],
            Live = [new RuleCounter { Name = "default-ingress", DeviceName = "eth0", Packets = 2, Bytes = 120 }],
        };

        store.SaveCounters(document);
        var loaded = store.LoadCounters();

        Assert.Equal(document.Carried, loaded.Carried);
        Assert.Equal(document.Live, loaded.Live);
    }

    [Fact]
    public void LoadCounters_NoFile_IsEmpty()
    {
        var loaded = PreparedStore().LoadCounters();

        Assert.Empty(loaded.Carried);
        Assert.Empty(loaded.Live);
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_directory)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    internal static AppliedState SampleState(long revision, string script) => new()
    {
        InstanceId = "i-test",
        Revision = revision,
        Digest = new string('a', 64),
        AppliedTime = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
        TableName = "palisade",
        Policy = new InstancePolicy
        {
            InstanceId = "i-test",
            Revision = revision,
            Nics = [new NicPolicy { NetworkInterfaceId = "eni-1", DeviceName = "eth0", Addresses = [Palisade.Core.Cidr.Parse("198.18.0.10")] }],
        },
        Script = script,
        Counters = [new CounterBinding("r_1", "sgr-1", ""), new CounterBinding("n0_in_default", "default-ingress", "eth0")],
    };

    private StateStore PreparedStore()
    {
        var store = new StateStore(_directory, NullLogger.Instance);
        store.Prepare();
        return store;
    }
}
