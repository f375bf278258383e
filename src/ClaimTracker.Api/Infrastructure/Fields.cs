namespace ClaimTracker.Api.Infrastructure;

// Field paths in error messages, as the client wrote them: "report.chain[1].source.slug".
public static class Fields
{
    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
}
