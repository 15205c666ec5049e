using System.Diagnostics;
using System.Net;
using Palisade.Contracts.Agent;
using Palisade.Contracts.Common;
using Palisade.Contracts.SecurityGroups;
using Xunit.Abstractions;

namespace Palisade.Server.Tests;

/// <summary>Long polls on the real clock: the waits are real, so these tests measure what an agent sees.</summary>
public sealed class LongPollTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(time: TimeProvider.System);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DesiredState_ChangeWhileWaiting_AnswersWithinTwoSecondsOfTheCommit()
    {
        var group = await _server.CreateGroupAsync();
        var instance = await _server.RegisterInstanceAsync("poll-" + Guid.NewGuid().ToString("N")[..8]);
        await _server.CallOkAsync<ApiResponse>("JoinSecurityGroup", new JoinSecurityGroupRequest { SecurityGroupId = group, InstanceId = instance });
        var current = (await GetAsync(instance, null, 0)).As<AgentDesiredStateResponse>();

        var poll = GetAsync(instance, current.Digest, 30);
        await Task.Delay(300);
        Assert.False(poll.IsCompleted, "The poll answered before anything changed.");
        var changing = Stopwatch.StartNew();
        var ruleIds = await _server.AuthorizeAsync(group, TestServer.Tcp(22, "203.0.113.7/32"));
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        var latency = changing.Elapsed;

        Assert.Equal(HttpStatusCode.OK, result.Status);
        var changed = result.As<AgentDesiredStateResponse>();
        Assert.NotEqual(current.Digest, changed.Digest);
        Assert.Equal(ruleIds[0], Assert.Single(Assert.Single(changed.Policy!.SecurityGroups).Rules).SecurityGroupRuleId);
        output.WriteLine($"The poll answered {latency.TotalMilliseconds:F1} ms after the authorize call was sent.");
        Assert.True(latency < TimeSpan.FromSeconds(2), $"The poll answered {latency.TotalMilliseconds:F0} ms after the change was sent.");
    }

    [Fact]
    public async Task DesiredState_NothingChangesWithinAShortWait_Returns304AfterTheWait()
    {
        var instance = await _server.RegisterInstanceAsync("idle-" + Guid.NewGuid().ToString("N")[..8]);
        var current = (await GetAsync(instance, null, 0)).As<AgentDesiredStateResponse>();
        var clock = Stopwatch.StartNew();

        var result = await GetAsync(instance, current.Digest, 1);

        Assert.Equal(HttpStatusCode.NotModified, result.Status);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DesiredState_UnrelatedChangeWhileWaiting_KeepsWaiting()
    {
        var instance = await _server.RegisterInstanceAsync("calm-" + Guid.NewGuid().ToString("N")[..8]);
        var current = (await GetAsync(instance, null, 0)).As<AgentDesiredStateResponse>();

        var poll = GetAsync(instance, current.Digest, 2);
        await Task.Delay(200);
        await _server.CreateGroupAsync("unrelated");
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NotModified, result.Status);
    }

    [Fact]
    public async Task DesiredState_ServerStopsWhileWaiting_EndsThePollAndStopsPromptly()
    {
        var instance = await _server.RegisterInstanceAsync("stop-" + Guid.NewGuid().ToString("N")[..8]);
        var current = (await GetAsync(instance, null, 0)).As<AgentDesiredStateResponse>();
        var poll = GetAsync(instance, current.Digest, 60);
        await Task.Delay(300);
        var clock = Stopwatch.StartNew();

        await _server.App.StopAsync();
        var result = await poll.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(HttpStatusCode.NotModified, result.Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Stopping took {clock.Elapsed.TotalSeconds:F1} s.");
    }

    private Task<ApiResult> GetAsync(string instance, string? digest, int wait) =>
        _server.SendRawAsync(HttpMethod.Get, $"/api/agent/desired-state?instanceId={instance}&digest={digest}&wait={wait}", "", _server.AgentTokenOf(instance));
}
