using System.Net.Http.Json;
using System.Text.Json;
using ClaimTracker.Api.Features.Access;
using ClaimTracker.Api.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace ClaimTracker.Api.Tests.Infrastructure;

// The real API over HTTP, on a database of its own built from the real migrations.
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    protected virtual bool WithSampleStory => false;

    public string ConnectionString { get; protected set; } = "";

    public async Task InitializeAsync() => ConnectionString = await TestDatabase.CreateAsync(WithSampleStory);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await TestDatabase.DropAsync(ConnectionString);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, ConnectionString, Settings);

    // Every client acts as the test administrator unless a test asks for another role (ClientAsync) or none (AnonymousClient).
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, AdminKey);
    }

    protected virtual string AdminKey => TestDatabase.AdminKey;

    public HttpClient AnonymousClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Remove(ApiKeyAuthentication.Header);
        return client;
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key);
        return client;
    }

    // A client with a new key of this role, created by the administrator.
    public async Task<HttpClient> ClientAsync(Role role, string? name = null) =>
        ClientWithKey((await CreateKeyAsync(role, name)).Key);

    public async Task<CreateApiKey.Response> CreateKeyAsync(Role role, string? name = null) =>
        await CreateClient().PostJsonAsync("/keys", new { name = name ?? $"test {SnakeCase.Name(role)} {Requests.Unique()}", role = SnakeCase.Name(role) })
            .ExpectAsync<CreateApiKey.Response>(System.Net.HttpStatusCode.Created);

    // Extra configuration of a fixture's API (e.g. a scoring schedule).
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    // Another API instance on this fixture's database, as a second server behind a load balancer would be.
    public WebApplicationFactory<Program> AnotherInstance(IReadOnlyDictionary<string, string?>? settings = null) =>
        new InstanceFactory(ConnectionString, settings ?? Settings, AdminKey);

    public static void Configure(IWebHostBuilder builder, string connectionString, IReadOnlyDictionary<string, string?> settings)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{ClaimTrackerServices.ConnectionStringName}", connectionString);
        builder.UseSetting($"{RequestLimitOptions.Section}:MaxBodyBytes", MaxBodyBytes.ToString());
        // Test classes send thousands of requests with one key; RateLimitTests sets its own small limits.
        builder.UseSetting($"{RateLimitOptions.Section}:PerKeyPerMinute", "1000000");
        builder.UseSetting($"{RateLimitOptions.Section}:PerAddressPerMinute", "1000000");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    private sealed class InstanceFactory(string connectionString, IReadOnlyDictionary<string, string?> settings, string adminKey) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => Configure(builder, connectionString, settings);

        protected override void ConfigureClient(HttpClient client)
        {
            base.ConfigureClient(client);
            client.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, adminKey);
        }
    }

    public const long MaxBodyBytes = 256 * 1024;

    // Row counts of every table, to prove that a rejected request wrote nothing.
    public async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));

        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ClaimTrackerServices.ConfigureJson(options);
        options.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Skip;
        return options;
    }
}

public sealed class SeededApiFactory : ApiFactory
{
    protected override bool WithSampleStory => true;
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiFactory.Json))!;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, ApiFactory.Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, ApiFactory.Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json, string contentType = "application/json") =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, contentType));

    public static Task<HttpResponseMessage> SendRawAsync(
        this HttpClient client, HttpMethod method, string url, string json, string contentType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, contentType) });
}
