using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ClaimTracker.Api.Tests.Infrastructure;

// A PostgreSQL server of a test's own, to kill and restart at will: initdb into a folder under /tmp, started on a
// free port. Found and run the way scripts/pg.sh does it; as root the server runs as `postgres`, which must be able
// to reach the folder. Disposing stops it and deletes the folder.
public sealed class PrivateCluster : IAsyncDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(90);

    private readonly string _binaries;
    private readonly string _home;
    private int _port;

    private PrivateCluster(string binaries, string home)
    {
        _binaries = binaries;
        _home = home;
    }

    private string Data => Path.Combine(_home, "data");

    public string Log => Path.Combine(_home, "postgres.log");

    // The folder of initdb, pg_ctl and postgres: CLAIMTRACKER_PG_BINDIR, pg_config --bindir, the newest
    // /usr/lib/postgresql/*/bin, or PATH. Null when there are none.
    public static string? FindBinaries()
    {
        var candidates = new List<string?> { Environment.GetEnvironmentVariable("CLAIMTRACKER_PG_BINDIR"), PgConfigBinDir() };
        if (Directory.Exists("/usr/lib/postgresql"))
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin")));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => d is not null && new[] { "initdb", "pg_ctl", "postgres" }.All(f => File.Exists(Path.Combine(d, f))));
    }

    // Why the cluster cannot be made here, or null when it can.
    public static string? SkipReason(string? binaries) =>
        binaries is null ? "PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed; apt-get install postgresql."
        : Environment.IsPrivilegedProcess && !File.ReadLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal))
            ? "running as root, and there is no user postgres to run PostgreSQL as (Debian's postgresql package makes it)."
        : null;

    public static Task<PrivateCluster> StartAsync(string binaries) => StartAsync(binaries, cluster => cluster.InitAsync());

    // A hot standby of this server in a cluster of its own (folder, port): a base backup with -R (standby.signal and
    // primary_conninfo), streaming this server's WAL from then on. The checkpoint is fast: a spread one keeps the
    // backup waiting for minutes on an idle server.
    public Task<PrivateCluster> StartStandbyAsync() => StartAsync(_binaries, standby => AsOwnerAsync(Path.Combine(_binaries, "pg_basebackup"),
        "-D", standby.Data, "-h", "127.0.0.1", "-p", _port.ToString(), "-U", "postgres", "-R", "-X", "stream", "--checkpoint=fast", "--no-sync"));

    private static async Task<PrivateCluster> StartAsync(string binaries, Func<PrivateCluster, Task> makeData)
    {
        var home = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), $"ct-pg-{Guid.NewGuid():N}"[..14]);
        Directory.CreateDirectory(home);
        PrivateCluster? cluster = null;
        try
        {
            if (Environment.IsPrivilegedProcess) await RunAsync("chown", "postgres:postgres", home);
            cluster = new PrivateCluster(binaries, home);
            await makeData(cluster);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    cluster._port = FreePort();
                    await cluster.StartAgainAsync();
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < 3 && File.ReadAllText(cluster.Log).Contains("could not bind"))
                {
                    // Someone took the port between our look and the server's.
                }
            }
        }
        catch
        {
            if (cluster is not null) await cluster.DisposeAsync();
            else Directory.Delete(home, recursive: true);
            throw;
        }
    }

    // As the superuser (trust authentication on 127.0.0.1), into a database created here.
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = database }.ConnectionString;

    // Every server process killed at once, as by a crash or a power cut of the database's machine (but its files
    // survive: see StartAgainAsync).
    public Task KillAsync() => AsOwnerAsync(Path.Combine(_binaries, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "-t", "60", "stop");

    // Starts the server, after crash recovery when it was killed. fsync is off because the machine does not crash,
    // only the server: what a commit wrote is in the operating system's cache, and crash recovery finds it there.
    // synchronous_commit stays on, so that a commit acknowledged to the API is in the WAL.
    public Task StartAgainAsync() => AsOwnerAsync(Path.Combine(_binaries, "pg_ctl"), "-D", Data, "-l", Log, "-w", "-t", "60",
        "-o", $"-p {_port} -k {_home} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off", "start");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(Data, "postmaster.pid"))) await KillAsync();
        }
        finally
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private async Task InitAsync()
    {
        var initdb = Path.Combine(_binaries, "initdb");
        try
        {
            await AsOwnerAsync(initdb, "-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        }
        catch (InvalidOperationException)
        {
            // Older systems have no C.UTF-8 locale.
            if (Directory.Exists(Data)) Directory.Delete(Data, recursive: true);
            await AsOwnerAsync(initdb, "-D", Data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        }
    }

    // PostgreSQL refuses to run as root.
    private static Task AsOwnerAsync(string program, params string[] arguments) =>
        Environment.IsPrivilegedProcess ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]) : RunAsync(program, arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(CommandLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {CommandLimit}.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, UseShellExecute = false });
            var output = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return process?.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no pg_config on PATH
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
