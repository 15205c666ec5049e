using Microsoft.Extensions.DependencyInjection;
using Palisade.Server.Application;

namespace Palisade.Server.Tests;

/// <summary>Console password checks and lockout, on the fake clock of a real server with a real database.</summary>
public sealed class AccountLockoutTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task CheckPassword_FiveFailures_LocksOutEvenTheRightPasswordUntilFifteenMinutesPass()
    {
        await Assert_Succeeds();
        for (var i = 1; i < AccountService.MaxFailedAttempts; i++)
        {
            Assert.Equal(LoginStatus.InvalidCredentials, (await CheckAsync("admin", "wrong password")).Status);
        }

        var locking = await CheckAsync("admin", "wrong password");
        Assert.Equal(LoginStatus.LockedOut, locking.Status);
        Assert.Equal(_server.Time.GetUtcNow() + AccountService.LockoutDuration, locking.LockedUntil);
        Assert.Equal(LoginStatus.LockedOut, (await CheckAsync("admin", TestServer.AdminPassword)).Status);

        _server.FakeTime.Advance(AccountService.LockoutDuration - TimeSpan.FromSeconds(1));
        Assert.Equal(LoginStatus.LockedOut, (await CheckAsync("admin", TestServer.AdminPassword)).Status);

        _server.FakeTime.Advance(TimeSpan.FromSeconds(1));
        await Assert_Succeeds();
    }

    [Fact]
    public async Task CheckPassword_SuccessBetweenFailures_ResetsTheCount()
    {
        for (var round = 0; round < 2; round++)
        {
            for (var i = 1; i < AccountService.MaxFailedAttempts; i++)
            {
                Assert.Equal(LoginStatus.InvalidCredentials, (await CheckAsync("admin", "nope")).Status);
            }

            await Assert_Succeeds();
        }
    }

    [Fact]
    public async Task CheckPassword_UnknownUser_IsInvalidCredentialsWithoutLockout()
    {
        for (var i = 0; i < AccountService.MaxFailedAttempts + 1; i++)
        {
            Assert.Equal(LoginStatus.InvalidCredentials, (await CheckAsync("mallory", "guess")).Status);
        }
    }

    [Fact]
    public async Task CreatePrincipal_SuccessfulLogin_CarriesNameAndRole()
    {
        var login = await CheckAsync("admin", TestServer.AdminPassword);

        var principal = AccountService.CreatePrincipal(login);

        Assert.Equal("admin", principal.Identity!.Name);
        Assert.True(principal.IsInRole("admin"));
    }

    private async Task Assert_Succeeds()
    {
        var login = await CheckAsync("admin", TestServer.AdminPassword);
        Assert.Equal(LoginStatus.Succeeded, login.Status);
        Assert.Equal("admin", login.Role);
    }

    private Task<LoginResult> CheckAsync(string user, string password) =>
        _server.WithScopeAsync(s => s.GetRequiredService<AccountService>().CheckPasswordAsync(user, password, CancellationToken.None));
}
