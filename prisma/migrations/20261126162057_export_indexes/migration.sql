-- CreateIndex
CREATE INDEX "AccessRequest_tenantId_createdAt_id_idx" ON "AccessRequest"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Grant_tenantId_createdAt_id_idx" ON "Grant"("tenantId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "ReviewItem_tenantId_createdAt_id_idx" ON "ReviewItem"("tenantId", "createdAt", "id");
