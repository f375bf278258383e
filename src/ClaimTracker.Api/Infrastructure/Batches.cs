using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ClaimTracker.Api.Infrastructure;

// Several statements sent in one round trip, in the command's transaction. Unlike one statement with CTEs, each
// statement of a batch takes its own snapshot (READ COMMITTED), so a query after a lock in the same batch sees what
// the lock's previous holder committed.
public static class Batches
{
    public static NpgsqlBatch CreateBatch(this ClaimTrackerDbContext db)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A batch runs inside the command's transaction.");
        return new NpgsqlBatch(transaction.Connection) { Transaction = transaction };
    }

    // A statement written as an interpolated string, its values sent as parameters ($1, $2…), as EF's ExecuteSql does.
    public static NpgsqlBatchCommand Command(FormattableString sql)
    {
        var arguments = sql.GetArguments();
        var command = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql.Format,
            Enumerable.Range(1, arguments.Length).Select(i => (object)$"${i}").ToArray()));
        foreach (var argument in arguments) command.Parameters.Add(new NpgsqlParameter { Value = argument ?? DBNull.Value });
        return command;
    }

    // A statement whose text names its parameters "{0}", "{1}"… (as EF's SqlQueryRaw takes them).
    public static NpgsqlBatchCommand Raw(string sql, params object?[] arguments) =>
        Command(System.Runtime.CompilerServices.FormattableStringFactory.Create(sql, arguments));

    // Tracks the entity of the reader's current row (a batch statement's SELECT table.*) as if a query of EF's had
    // loaded it, so that code looking among the tracked entities (DbSet.Local) finds it without a round trip of its own.
    // An entity already tracked is kept as it is.
    public static T Track<T>(this DbContext db, NpgsqlDataReader reader) where T : class
    {
        var type = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var values = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties())
        {
            var ordinal = reader.GetOrdinal(property.GetColumnName(table)!);
            if (reader.IsDBNull(ordinal)) { values[property.Name] = null; continue; }
            var converter = property.GetTypeMapping().Converter;
            var stored = ReadAs(reader, ordinal, converter?.ProviderClrType ?? property.ClrType);
            values[property.Name] = converter is null ? stored : converter.ConvertFromProvider(stored);
        }
        var key = type.FindPrimaryKey()!.Properties.Select(p => values[p.Name]).ToArray();
        if (db.Set<T>().Local.FindEntryUntyped(key)?.Entity is { } tracked) return tracked;
        var entity = (T)Activator.CreateInstance(typeof(T), nonPublic: true)!;
        var entry = db.Entry(entity);
        foreach (var (name, value) in values) entry.Property(name).CurrentValue = value;
        entry.State = EntityState.Unchanged;
        return entity;
    }

    private static object? ReadAs(NpgsqlDataReader reader, int ordinal, Type type) =>
        typeof(NpgsqlDataReader).GetMethod(nameof(NpgsqlDataReader.GetFieldValue))!
            .MakeGenericMethod(Nullable.GetUnderlyingType(type) ?? type).Invoke(reader, [ordinal]);

    public static NpgsqlBatchCommand Add(this NpgsqlBatch batch, NpgsqlBatchCommand command)
    {
        batch.BatchCommands.Add(command);
        return command;
    }
}
