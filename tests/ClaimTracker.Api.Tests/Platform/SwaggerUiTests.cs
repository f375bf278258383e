using ClaimTracker.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace ClaimTracker.Api.Tests.Platform;

// The API on a real port, for a browser.
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(0);

    public string Address()
    {
        StartServer();
        return Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "localhost");
    }
}

// Swagger UI in Debian's Chromium: Authorize with a key, then "Try it out" on a write. Skipped where Chromium and
// ChromeDriver are not installed (.ci/run installs them).
public sealed class SwaggerUiTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private const string Chromium = "/usr/bin/chromium";
    private const string ChromeDriver = "/usr/bin/chromedriver";

    [SkippableFact]
    public void Authorize_WithAKey_LetsTryItOutCreateASource()
    {
        Assert.Equal("Code|201", CreateSourceInSwaggerUi(TestDatabase.AdminKey));
    }

    [SkippableFact]
    public void TryItOut_WithoutAuthorizing_IsRefused()
    {
        Assert.Equal("Code|401", CreateSourceInSwaggerUi(null));
    }

    // The status column of the live response, as Swagger UI shows it ("Code|201").
    private string CreateSourceInSwaggerUi(string? key)
    {
        Skip.IfNot(File.Exists(Chromium) && File.Exists(ChromeDriver), $"{Chromium} and {ChromeDriver} are not installed (apt-get install chromium chromium-driver).");
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,3000");
        using var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriver)!, Path.GetFileName(ChromeDriver));
        service.HideCommandPromptWindow = true;
        using var browser = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        var wait = new WebDriverWait(browser, TimeSpan.FromSeconds(30));
        IWebElement Find(string css) => wait.Until(b => b.FindElements(By.CssSelector(css)).FirstOrDefault(e => e.Displayed));

        browser.Navigate().GoToUrl($"{api.Address()}/swagger/index.html");
        if (key is not null)
        {
            Find("button.authorize").Click();
            Find(".modal-ux input").SendKeys(key);
            Find(".modal-ux button.authorize").Click();
            Find(".modal-ux button.btn-done, .modal-ux .close-modal").Click();
        }
        const string operation = "#operations-Sources-CreateSource";
        Find($"{operation} .opblock-summary").Click();
        Find($"{operation} .try-out__btn").Click();
        var body = Find($"{operation} textarea.body-param__text");
        body.Clear();
        body.SendKeys($$"""{"name": "Swagger UI outlet {{Requests.Unique()}}", "kind": "outlet"}""");
        Find($"{operation} .execute").Click();
        return wait.Until(b => b.FindElements(By.CssSelector($"{operation} .live-responses-table .response-col_status")) is { Count: > 0 } cells
            ? string.Join("|", cells.Select(c => c.Text))
            : null)!;
    }
}
