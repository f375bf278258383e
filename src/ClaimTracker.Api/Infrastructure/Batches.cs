using Microsoft.EntityFrameworkCore;
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

    public static NpgsqlBatchCommand Add(this NpgsqlBatch batch, NpgsqlBatchCommand command)
    {
        batch.BatchCommands.Add(command);
        return command;
    }
}
