-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('KEEP', 'REVOKE');

-- CreateEnum
CREATE TYPE "RevocationState" AS ENUM ('NONE', 'PENDING', 'TASK', 'CONFIRMED');

-- AlterEnum
ALTER TYPE "ConnectionKind" ADD VALUE 'VANTA';

-- AlterTable
ALTER TABLE "Grant" ADD COLUMN     "departmentAtGrant" TEXT;

-- CreateTable
CREATE TABLE "ReviewCampaign" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "scope" JSONB NOT NULL,
    "reviewerMode" TEXT NOT NULL,
    "reviewerPersonIds" TEXT[],
    "fallbackReviewerId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "reminderHours" INTEGER[],
    "remindersSent" INTEGER[],
    "inactivityDays" INTEGER NOT NULL DEFAULT 30,
    "createdBy" TEXT NOT NULL,
    "launchedAt" TIMESTAMP(3),
    "launchedBy" TEXT,
    "snapshot" JSONB,
    "escalatedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "closedBy" TEXT,
    "summary" JSONB,
    "vantaPushedAt" TIMESTAMP(3),
    "vantaResult" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewItem" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "grantId" TEXT,
    "appId" TEXT,
    "roleId" TEXT,
    "groupId" TEXT,
    "accessLabel" TEXT NOT NULL,
    "groupNames" TEXT[],
    "howGranted" TEXT NOT NULL,
    "requestId" TEXT,
    "grantedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "personName" TEXT NOT NULL,
    "personEmail" TEXT NOT NULL,
    "personTitle" TEXT,
    "personDepartment" TEXT,
    "personStatus" TEXT NOT NULL,
    "managerName" TEXT,
    "departmentAtGrant" TEXT,
    "lastLoginAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "recommendation" "ReviewDecision" NOT NULL,
    "recommendationReason" TEXT NOT NULL,
    "reviewerPersonId" TEXT NOT NULL,
    "reviewerNote" TEXT,
    "reassignedFromId" TEXT,
    "reassignReason" TEXT,
    "escalatedAt" TIMESTAMP(3),
    "decision" "ReviewDecision",
    "comment" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "deciderName" TEXT,
    "revocation" "RevocationState" NOT NULL DEFAULT 'NONE',
    "revocationGrantId" TEXT,
    "taskId" TEXT,
    "revocationCompletedAt" TIMESTAMP(3),
    "readBack" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccessTask" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "appId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "grantId" TEXT,
    "reviewItemId" TEXT,
    "assigneePersonIds" TEXT[],
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "dueAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "completedByName" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccessTask_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCampaign_tenantId_status_idx" ON "ReviewCampaign"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaign_tenantId_name_key" ON "ReviewCampaign"("tenantId", "name");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_reviewerPersonId_decision_idx" ON "ReviewItem"("campaignId", "reviewerPersonId", "decision");

-- CreateIndex
CREATE INDEX "ReviewItem_campaignId_decision_revocation_idx" ON "ReviewItem"("campaignId", "decision", "revocation");

-- CreateIndex
CREATE INDEX "ReviewItem_tenantId_personId_idx" ON "ReviewItem"("tenantId", "personId");

-- CreateIndex
CREATE INDEX "ReviewItem_tenantId_grantId_idx" ON "ReviewItem"("tenantId", "grantId");

-- CreateIndex
CREATE INDEX "ReviewItem_revocationGrantId_idx" ON "ReviewItem"("revocationGrantId");

-- CreateIndex
CREATE INDEX "AccessTask_tenantId_status_idx" ON "AccessTask"("tenantId", "status");

-- AddForeignKey
ALTER TABLE "ReviewItem" ADD CONSTRAINT "ReviewItem_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
