using Palisade.Agent.Inventory;
using Palisade.SecurityGroups.Model;

namespace Palisade.Agent;

/// <summary>One successful registration: the instance id the server gave, the NICs it was told about, and the allowance that follows.</summary>
internal sealed record AgentSession(string InstanceId, HostInventory Inventory, ManagementAllowance Allowance);
