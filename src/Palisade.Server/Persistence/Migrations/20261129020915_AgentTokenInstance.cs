using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Palisade.Server.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentTokenInstance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InstanceId",
                table: "ApiTokens",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_InstanceId",
                table: "ApiTokens",
                column: "InstanceId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiTokens_InstanceId",
                table: "ApiTokens");

            migrationBuilder.DropColumn(
                name: "InstanceId",
                table: "ApiTokens");
        }
    }
}
