-- AlterTable
ALTER TABLE "App" ADD COLUMN     "externalAppId" TEXT;

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "bundleId" TEXT,
ADD COLUMN     "bundleRule" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "lifecycleAt" TIMESTAMP(3),
ADD COLUMN     "lifecycleSnapshot" JSONB;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "moverConfirmDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "suspendLeavers" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Bundle" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "matchMode" TEXT NOT NULL DEFAULT 'ALL',
    "rules" JSONB NOT NULL,
    "roleIds" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Bundle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LifecycleEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "outcome" JSONB NOT NULL,
    "ticketKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LifecycleEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessConfirmation" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "managerPersonId" TEXT NOT NULL,
    "lifecycleEventId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppUsage" (
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AppUsage_pkey" PRIMARY KEY ("appId","personId")
);

-- CreateTable
CREATE TABLE "ReclaimRule" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "inactivityDays" INTEGER NOT NULL DEFAULT 30,
    "graceDays" INTEGER NOT NULL DEFAULT 7,
    "exemptRoleIds" TEXT[],
    "exemptPersonIds" TEXT[],
    "usageReadUntil" TIMESTAMP(3),
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReclaimRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReclaimCase" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "grantId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "roleId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "lastUsedAt" TIMESTAMP(3),
    "lastUseSource" TEXT NOT NULL,
    "notifiedAt" TIMESTAMP(3),
    "graceEndsAt" TIMESTAMP(3),
    "keptAt" TIMESTAMP(3),
    "keptById" TEXT,
    "keptReason" TEXT,
    "reclaimedAt" TIMESTAMP(3),
    "ticketKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReclaimCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DriftFinding" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "addedBy" TEXT,
    "addedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "grantId" TEXT,
    "readBack" JSONB,

    CONSTRAINT "DriftFinding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Bundle_tenantId_idx" ON "Bundle"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Bundle_tenantId_name_key" ON "Bundle"("tenantId", "name");

-- CreateIndex
CREATE INDEX "LifecycleEvent_tenantId_createdAt_idx" ON "LifecycleEvent"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "LifecycleEvent_tenantId_personId_idx" ON "LifecycleEvent"("tenantId", "personId");

-- CreateIndex
CREATE INDEX "AccessConfirmation_tenantId_status_dueAt_idx" ON "AccessConfirmation"("tenantId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "AccessConfirmation_tenantId_managerPersonId_status_idx" ON "AccessConfirmation"("tenantId", "managerPersonId", "status");

-- CreateIndex
CREATE INDEX "AccessConfirmation_grantId_idx" ON "AccessConfirmation"("grantId");

-- CreateIndex
CREATE INDEX "AppUsage_tenantId_personId_idx" ON "AppUsage"("tenantId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ReclaimRule_appId_key" ON "ReclaimRule"("appId");

-- CreateIndex
CREATE INDEX "ReclaimRule_tenantId_idx" ON "ReclaimRule"("tenantId");

-- CreateIndex
CREATE INDEX "ReclaimCase_tenantId_status_idx" ON "ReclaimCase"("tenantId", "status");

-- CreateIndex
CREATE INDEX "ReclaimCase_grantId_idx" ON "ReclaimCase"("grantId");

-- CreateIndex
CREATE INDEX "DriftFinding_tenantId_status_idx" ON "DriftFinding"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "DriftFinding_groupId_personId_firstSeenAt_key" ON "DriftFinding"("groupId", "personId", "firstSeenAt");
