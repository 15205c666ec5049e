using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Palisade.Server.Persistence;

/// <summary>The one place that names the database provider, so adding PostgreSQL touches nothing else.</summary>
internal static class StoreProvider
{
    public const string DatabaseFileName = "palisade.db";

    public static void Configure(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = databasePath }.ToString());

    public static string DatabasePathIn(string dataDirectory) => Path.Combine(dataDirectory, DatabaseFileName);
}
