using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Palisade.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    TokenId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastUsedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.TokenId);
                });

            migrationBuilder.CreateTable(
                name: "ConfigurationState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConfigurationState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsoleUsers",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LockoutEndUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastLoginUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsoleUsers", x => x.UserName);
                });

            migrationBuilder.CreateTable(
                name: "Regions",
                columns: table => new
                {
                    RegionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Regions", x => x.RegionId);
                });

            migrationBuilder.CreateTable(
                name: "Instances",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    AgentVersion = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppliedRevision = table.Column<long>(type: "INTEGER", nullable: false),
                    AppliedDigest = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AppliedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ApplyError = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instances", x => x.InstanceId);
                    table.ForeignKey(
                        name: "FK_Instances_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "RegionId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PrefixLists",
                columns: table => new
                {
                    PrefixListId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AddressFamily = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    MaxEntries = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrefixLists", x => x.PrefixListId);
                    table.ForeignKey(
                        name: "FK_PrefixLists_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "RegionId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SecurityGroups",
                columns: table => new
                {
                    SecurityGroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    InnerAccessPolicy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClientToken = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroups", x => x.SecurityGroupId);
                    table.ForeignKey(
                        name: "FK_SecurityGroups_Regions_RegionId",
                        column: x => x.RegionId,
                        principalTable: "Regions",
                        principalColumn: "RegionId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NetworkInterfaces",
                columns: table => new
                {
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MacAddress = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    NicType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Addresses = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NetworkInterfaces", x => x.NetworkInterfaceId);
                    table.ForeignKey(
                        name: "FK_NetworkInterfaces_Instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "Instances",
                        principalColumn: "InstanceId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RuleHitCounters",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Packets = table.Column<long>(type: "INTEGER", nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleHitCounters", x => new { x.InstanceId, x.Name, x.DeviceName });
                    table.ForeignKey(
                        name: "FK_RuleHitCounters_Instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "Instances",
                        principalColumn: "InstanceId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PrefixListEntries",
                columns: table => new
                {
                    PrefixListId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Cidr = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrefixListEntries", x => new { x.PrefixListId, x.Cidr });
                    table.ForeignKey(
                        name: "FK_PrefixListEntries_PrefixLists_PrefixListId",
                        column: x => x.PrefixListId,
                        principalTable: "PrefixLists",
                        principalColumn: "PrefixListId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SecurityGroupRules",
                columns: table => new
                {
                    SecurityGroupRuleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecurityGroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Policy = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    IpProtocol = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PortRange = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SourcePortRange = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    PeerKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PeerValue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalCidr = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    NicType = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SecurityGroupRules", x => x.SecurityGroupRuleId);
                    table.ForeignKey(
                        name: "FK_SecurityGroupRules_SecurityGroups_SecurityGroupId",
                        column: x => x.SecurityGroupId,
                        principalTable: "SecurityGroups",
                        principalColumn: "SecurityGroupId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NicSecurityGroups",
                columns: table => new
                {
                    NetworkInterfaceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SecurityGroupId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JoinOrder = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NicSecurityGroups", x => new { x.NetworkInterfaceId, x.SecurityGroupId });
                    table.ForeignKey(
                        name: "FK_NicSecurityGroups_NetworkInterfaces_NetworkInterfaceId",
                        column: x => x.NetworkInterfaceId,
                        principalTable: "NetworkInterfaces",
                        principalColumn: "NetworkInterfaceId",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NicSecurityGroups_SecurityGroups_SecurityGroupId",
                        column: x => x.SecurityGroupId,
                        principalTable: "SecurityGroups",
                        principalColumn: "SecurityGroupId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "ConfigurationState",
                columns: new[] { "Id", "Revision" },
                values: new object[] { 1, 1L });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_SecretHash",
                table: "ApiTokens",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Instances_InstanceName",
                table: "Instances",
                column: "InstanceName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Instances_RegionId",
                table: "Instances",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_NetworkInterfaces_InstanceId_DeviceName",
                table: "NetworkInterfaces",
                columns: new[] { "InstanceId", "DeviceName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NicSecurityGroups_SecurityGroupId",
                table: "NicSecurityGroups",
                column: "SecurityGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_PrefixLists_RegionId",
                table: "PrefixLists",
                column: "RegionId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleHitCounters_Name",
                table: "RuleHitCounters",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_PeerKind_PeerValue",
                table: "SecurityGroupRules",
                columns: new[] { "PeerKind", "PeerValue" });

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroupRules_SecurityGroupId",
                table: "SecurityGroupRules",
                column: "SecurityGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_SecurityGroups_RegionId_ClientToken",
                table: "SecurityGroups",
                columns: new[] { "RegionId", "ClientToken" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "ConfigurationState");

            migrationBuilder.DropTable(
                name: "ConsoleUsers");

            migrationBuilder.DropTable(
                name: "NicSecurityGroups");

            migrationBuilder.DropTable(
                name: "PrefixListEntries");

            migrationBuilder.DropTable(
                name: "RuleHitCounters");

            migrationBuilder.DropTable(
                name: "SecurityGroupRules");

            migrationBuilder.DropTable(
                name: "NetworkInterfaces");

            migrationBuilder.DropTable(
                name: "PrefixLists");

            migrationBuilder.DropTable(
                name: "SecurityGroups");

            migrationBuilder.DropTable(
                name: "Instances");

            migrationBuilder.DropTable(
                name: "Regions");
        }
    }
}
