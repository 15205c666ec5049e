using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Palisade.Server;

namespace Palisade.EndToEnd.Tests.Console;

/// <summary>
/// One real server (Kestrel on 127.0.0.1 port 0, its own data directory and SQLite file, a known admin password)
/// and one headless chromium, shared by the tests of a class; each test gets its own browser context, so cookies
/// never leak from one test to the next.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string AdminPassword = "console test password 1";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "palisade-console-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Screenshots of the main pages, for a person to look at; not compared by the tests.</summary>
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots", "console");

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        // Outside CI a missing browser skips every test (BrowserFact), so there is nothing to start.
        if (!BrowserFactAttribute.IsBrowserAvailable && !TestSupport.Network.LabSupport.IsContinuousIntegration)
        {
            return;
        }

        _app = ServerHost.Build(new ServerOptions
        {
            DataDirectory = _dataDirectory,
            Urls = "http://127.0.0.1:0",
            AdminPassword = AdminPassword,
            BootstrapToken = null,
            Output = TextWriter.Null,
            MinimumLogLevel = LogLevel.Warning,
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());

        if (!BrowserFactAttribute.IsBrowserAvailable)
        {
            throw new InvalidOperationException(
                $"CI is set but {BrowserFactAttribute.ChromiumPath} is missing: the test step must run `apt-get install -y chromium` first.");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser context (no cookies) with one page on the server.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser has not started.");
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });

        // Failures should surface in seconds, not after Playwright's 30 s default.
        // Generous: on a busy 2-core CI machine a login (password hashing) and the first render of a page can
        // take several seconds; a wrong page still fails at once on its assertion.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();

        // Deletions ask "Delete …?" with confirm(); the tests mean yes.
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        return page;
    }

    /// <summary>A fresh browser context, logged in as admin through the login form.</summary>
    public async Task<IPage> NewLoggedInPageAsync()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/console/login");
        await page.GetByLabel("User name").FillAsync("admin");
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await page.WaitForURLAsync("**/console/securitygroups**");
        return page;
    }

    public string ScreenshotPath(string name) => Path.Combine(ScreenshotDirectory, name + ".png");

    /// <summary>Runs <paramref name="use"/> with the server's real application services, for test set-up.</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a pooled SQLite handle may still be closing, or the server never started.
        }
    }
}
