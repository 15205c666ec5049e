using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Palisade.Core;
using Palisade.SecurityGroups.Model;

namespace Palisade.Server.Persistence;

/// <summary>
/// The control plane's store. The model is provider-neutral (SQLite today, PostgreSQL next): enums as their
/// names, times as UTC <see cref="DateTime"/>, addresses as canonical text, no provider-specific SQL.
/// </summary>
internal sealed class PalisadeDbContext(DbContextOptions<PalisadeDbContext> options) : DbContext(options)
{
    private const int IdLength = 64;
    private const int NameLength = 128;
    private const int DescriptionLength = 512;

    public DbSet<RegionRecord> Regions => Set<RegionRecord>();

    public DbSet<SecurityGroupRecord> SecurityGroups => Set<SecurityGroupRecord>();

    public DbSet<SecurityGroupRuleRecord> SecurityGroupRules => Set<SecurityGroupRuleRecord>();

    public DbSet<PrefixListRecord> PrefixLists => Set<PrefixListRecord>();

    public DbSet<PrefixListEntryRecord> PrefixListEntries => Set<PrefixListEntryRecord>();

    public DbSet<InstanceRecord> Instances => Set<InstanceRecord>();

    public DbSet<NetworkInterfaceRecord> NetworkInterfaces => Set<NetworkInterfaceRecord>();

    public DbSet<NicSecurityGroupRecord> NicSecurityGroups => Set<NicSecurityGroupRecord>();

    public DbSet<ConsoleUserRecord> ConsoleUsers => Set<ConsoleUserRecord>();

    public DbSet<ApiTokenRecord> ApiTokens => Set<ApiTokenRecord>();

    public DbSet<RuleHitCounterRecord> RuleHitCounters => Set<RuleHitCounterRecord>();

    public DbSet<ConfigurationStateRecord> ConfigurationState => Set<ConfigurationStateRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Names rather than numbers: a reordered enum can never change the meaning of stored rows.
        configurationBuilder.Properties<Direction>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RulePolicy>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IpProtocol>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RulePeerKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<NicType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SecurityGroupType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<InnerAccessPolicy>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<IpFamily>().HaveConversion<string>().HaveMaxLength(8);

        // Providers hand DateTime back with Kind Unspecified; every stored time is UTC, so say so on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RegionRecord>(region =>
        {
            region.HasKey(r => r.RegionId);
            region.Property(r => r.RegionId).HasMaxLength(IdLength);
            region.Property(r => r.LocalName).HasMaxLength(NameLength);
        });

        modelBuilder.Entity<SecurityGroupRecord>(group =>
        {
            group.HasKey(g => g.SecurityGroupId);
            group.Property(g => g.SecurityGroupId).HasMaxLength(IdLength);
            group.Property(g => g.RegionId).HasMaxLength(IdLength);
            group.Property(g => g.Name).HasMaxLength(NameLength);
            group.Property(g => g.Description).HasMaxLength(DescriptionLength);
            group.Property(g => g.ClientToken).HasMaxLength(NameLength);
            group.HasOne<RegionRecord>().WithMany().HasForeignKey(g => g.RegionId).OnDelete(DeleteBehavior.Restrict);
            group.HasIndex(g => new { g.RegionId, g.ClientToken }).IsUnique();
            group.HasMany(g => g.Rules).WithOne().HasForeignKey(r => r.SecurityGroupId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<SecurityGroupRuleRecord>(rule =>
        {
            rule.HasKey(r => r.SecurityGroupRuleId);
            rule.Property(r => r.SecurityGroupRuleId).HasMaxLength(IdLength);
            rule.Property(r => r.SecurityGroupId).HasMaxLength(IdLength);
            rule.Property(r => r.PortRange).HasMaxLength(16);
            rule.Property(r => r.SourcePortRange).HasMaxLength(16);
            rule.Property(r => r.PeerValue).HasMaxLength(IdLength);
            rule.Property(r => r.LocalCidr).HasMaxLength(IdLength);
            rule.Property(r => r.Description).HasMaxLength(DescriptionLength);
            rule.HasIndex(r => new { r.PeerKind, r.PeerValue });
        });

        modelBuilder.Entity<PrefixListRecord>(list =>
        {
            list.HasKey(p => p.PrefixListId);
            list.Property(p => p.PrefixListId).HasMaxLength(IdLength);
            list.Property(p => p.RegionId).HasMaxLength(IdLength);
            list.Property(p => p.Name).HasMaxLength(NameLength);
            list.Property(p => p.Description).HasMaxLength(DescriptionLength);
            list.HasOne<RegionRecord>().WithMany().HasForeignKey(p => p.RegionId).OnDelete(DeleteBehavior.Restrict);
            list.HasMany(p => p.Entries).WithOne().HasForeignKey(e => e.PrefixListId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<PrefixListEntryRecord>(entry =>
        {
            entry.HasKey(e => new { e.PrefixListId, e.Cidr });
            entry.Property(e => e.PrefixListId).HasMaxLength(IdLength);
            entry.Property(e => e.Cidr).HasMaxLength(IdLength);
            entry.Property(e => e.Description).HasMaxLength(DescriptionLength);
        });

        modelBuilder.Entity<InstanceRecord>(instance =>
        {
            instance.HasKey(i => i.InstanceId);
            instance.Property(i => i.InstanceId).HasMaxLength(IdLength);
            instance.Property(i => i.RegionId).HasMaxLength(IdLength);
            instance.Property(i => i.InstanceName).HasMaxLength(NameLength);
            instance.Property(i => i.HostName).HasMaxLength(255);
            instance.Property(i => i.AgentVersion).HasMaxLength(NameLength);
            instance.Property(i => i.AppliedDigest).HasMaxLength(IdLength);
            instance.Property(i => i.ApplyError).HasMaxLength(4096);
            instance.HasIndex(i => i.InstanceName).IsUnique();
            instance.HasOne<RegionRecord>().WithMany().HasForeignKey(i => i.RegionId).OnDelete(DeleteBehavior.Restrict);
            instance.HasMany(i => i.NetworkInterfaces).WithOne().HasForeignKey(n => n.InstanceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NetworkInterfaceRecord>(nic =>
        {
            nic.HasKey(n => n.NetworkInterfaceId);
            nic.Property(n => n.NetworkInterfaceId).HasMaxLength(IdLength);
            nic.Property(n => n.InstanceId).HasMaxLength(IdLength);
            nic.Property(n => n.DeviceName).HasMaxLength(IdLength);
            nic.Property(n => n.MacAddress).HasMaxLength(32);
            nic.Ignore(n => n.IsPrimary);
            nic.HasIndex(n => new { n.InstanceId, n.DeviceName }).IsUnique();
            nic.HasMany(n => n.SecurityGroups).WithOne().HasForeignKey(m => m.NetworkInterfaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<NicSecurityGroupRecord>(membership =>
        {
            membership.HasKey(m => new { m.NetworkInterfaceId, m.SecurityGroupId });
            membership.Property(m => m.NetworkInterfaceId).HasMaxLength(IdLength);
            membership.Property(m => m.SecurityGroupId).HasMaxLength(IdLength);
            membership.HasOne<SecurityGroupRecord>().WithMany().HasForeignKey(m => m.SecurityGroupId).OnDelete(DeleteBehavior.Restrict);
            membership.HasIndex(m => m.SecurityGroupId);
        });

        modelBuilder.Entity<ConsoleUserRecord>(user =>
        {
            user.HasKey(u => u.UserName);
            user.Property(u => u.UserName).HasMaxLength(NameLength);
            user.Property(u => u.PasswordHash).HasMaxLength(512);
            user.Property(u => u.Role).HasMaxLength(16);
        });

        modelBuilder.Entity<ApiTokenRecord>(token =>
        {
            token.HasKey(t => t.TokenId);
            token.Property(t => t.TokenId).HasMaxLength(IdLength);
            token.Property(t => t.SecretHash).HasMaxLength(IdLength);
            token.Property(t => t.Role).HasMaxLength(16);
            token.Property(t => t.Description).HasMaxLength(DescriptionLength);
            token.HasIndex(t => t.SecretHash).IsUnique();
            token.Property(t => t.InstanceId).HasMaxLength(IdLength);
            token.HasIndex(t => t.InstanceId);
        });

        modelBuilder.Entity<RuleHitCounterRecord>(counter =>
        {
            counter.HasKey(c => new { c.InstanceId, c.Name, c.DeviceName });
            counter.Property(c => c.InstanceId).HasMaxLength(IdLength);
            counter.Property(c => c.Name).HasMaxLength(IdLength);
            counter.Property(c => c.DeviceName).HasMaxLength(IdLength);
            counter.HasOne<InstanceRecord>().WithMany().HasForeignKey(c => c.InstanceId).OnDelete(DeleteBehavior.Cascade);
            counter.HasIndex(c => c.Name);
        });

        modelBuilder.Entity<ConfigurationStateRecord>(state =>
        {
            state.HasKey(s => s.Id);
            state.Property(s => s.Id).ValueGeneratedNever();
            state.HasData(new ConfigurationStateRecord { Id = ConfigurationStateRecord.SingletonId, Revision = 1 });
        });
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
