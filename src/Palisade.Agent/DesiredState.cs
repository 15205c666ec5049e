using Palisade.SecurityGroups.Model;

namespace Palisade.Agent;

/// <summary>A desired state from the server, checked: the instance's policy, its revision and its digest.</summary>
internal sealed record DesiredState(string InstanceId, long Revision, string Digest, InstancePolicy Policy);
