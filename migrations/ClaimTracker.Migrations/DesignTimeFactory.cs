using ClaimTracker.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClaimTracker.Migrations;

// Lets `dotnet ef migrations add` build the model without a running database.
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ClaimTrackerDbContext>
{
    public ClaimTrackerDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<ClaimTrackerDbContext>()
        .UseNpgsql("Host=localhost;Database=claimtracker_design", npgsql => npgsql.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
        .UseSnakeCaseNamingConvention()
        .Options);
}
