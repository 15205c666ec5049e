namespace Palisade.Agent.Inventory;

/// <summary>The host's NICs could not be read.</summary>
internal sealed class InventoryException : Exception
{
    public InventoryException()
    {
    }

    public InventoryException(string message)
        : base(message)
    {
    }

    public InventoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
