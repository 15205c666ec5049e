using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Palisade.Server.Persistence;

/// <summary>Lets dotnet-ef build the model without starting the server (the CLI, not this assembly, has Main).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PalisadeDbContext>
{
    public PalisadeDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PalisadeDbContext>();
        StoreProvider.Configure(options, Path.Combine(Path.GetTempPath(), "palisade-design.db"));
        return new PalisadeDbContext(options.Options);
    }
}
