namespace Palisade.Agent.Firewall;

/// <summary>What the agent did with the kernel's ruleset when it started.</summary>
internal enum StartupAction
{
    /// <summary>No state on disk yet: wait for the server.</summary>
    NothingSaved,

    /// <summary>The table exists (the agent restarted, the host did not): left as it is.</summary>
    KeptExistingTable,

    /// <summary>The table was missing (a reboot): the last good ruleset was loaded again.</summary>
    ReappliedLastGood,

    /// <summary>The table was missing and the saved ruleset did not load.</summary>
    ReapplyFailed,

    /// <summary>nft could not be run to look.</summary>
    NftUnavailable,
}
