-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "manualTaskDueDays" INTEGER NOT NULL DEFAULT 3;

-- CreateIndex
CREATE INDEX "AccessTask_tenantId_grantId_idx" ON "AccessTask"("tenantId", "grantId");

-- CreateIndex
CREATE INDEX "AccessTask_status_dueAt_idx" ON "AccessTask"("status", "dueAt");
