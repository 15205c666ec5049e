using Palisade.Agent.Commands;

namespace Palisade.Agent.Inventory;

/// <summary>Runs <c>ip -j addr show</c> and the default-route listings and hands them to <see cref="IpAddrParser"/>.</summary>
internal sealed class InventoryReader(CommandRunner runner, string ipPath)
{
    /// <summary>The host's NICs; throws <see cref="InventoryException"/> when ip fails or prints something unreadable.</summary>
    public async Task<HostInventory> ReadAsync(CancellationToken cancellationToken)
    {
        var addresses = await runner.RunAsync(ipPath, ["-j", "addr", "show"], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!addresses.Succeeded)
        {
            throw new InventoryException($"`{ipPath} -j addr show` failed: {addresses.ErrorText}");
        }

        var routes4 = await runner.RunAsync(ipPath, ["-j", "-4", "route", "show", "default"], cancellationToken: cancellationToken).ConfigureAwait(false);
        var routes6 = await runner.RunAsync(ipPath, ["-j", "-6", "route", "show", "default"], cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            return IpAddrParser.Parse(addresses.StandardOutput,
                routes4.Succeeded ? routes4.StandardOutput : null,
                routes6.Succeeded ? routes6.StandardOutput : null);
        }
        catch (FormatException ex)
        {
            throw new InventoryException(ex.Message, ex);
        }
    }
}
