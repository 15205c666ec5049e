using Palisade.Contracts.Agent;

namespace Palisade.Agent.ControlPlane;

/// <summary>Turns the server's answer into a <see cref="DesiredState"/>, or says what is wrong with it; a surprising answer is never applied.</summary>
internal static class DesiredStateCheck
{
    public static (DesiredState? State, string? Problem) Check(AgentDesiredStateResponse response, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Policy is null)
        {
            return (null, "the answer has no Policy");
        }

        if (string.IsNullOrEmpty(response.Digest) || response.Digest.Length > 64 || !response.Digest.All(char.IsAsciiHexDigit))
        {
            return (null, $"Digest '{Shorten(response.Digest)}' is not a hex SHA-256");
        }

        if (response.Revision < 0)
        {
            return (null, $"Revision {response.Revision} is negative");
        }

        if (!string.Equals(response.Policy.InstanceId, instanceId, StringComparison.Ordinal)
            || (response.InstanceId.Length > 0 && !string.Equals(response.InstanceId, instanceId, StringComparison.Ordinal)))
        {
            return (null, $"the policy is for instance '{Shorten(response.Policy.InstanceId)}', this agent is {instanceId}");
        }

        if (response.Policy.Nics.IsDefault || response.Policy.SecurityGroups.IsDefault || response.Policy.PrefixLists.IsDefault
            || response.Policy.GroupMemberAddresses is null)
        {
            return (null, "the policy lacks Nics, SecurityGroups, PrefixLists or GroupMemberAddresses");
        }

        return (new DesiredState(instanceId, response.Revision, response.Digest.ToLowerInvariant(), response.Policy), null);
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 80 ? text : text[..80] + "…";
}
