-- Faces: one row per organization that has a face index. The row is the index's version counter and the
-- writers' lock: every change to an organization's face_embeddings runs in a transaction that holds this
-- row FOR UPDATE, bumps the version and names the snapshot object that matches it. Readers compare one
-- primary-key read with the version they hold in memory to notice a newer snapshot (docs/faces.md).
CREATE TABLE face_indexes (
    organization_id UUID PRIMARY KEY REFERENCES organizations(id),
    version         BIGINT NOT NULL DEFAULT 0,
    snapshot_key    TEXT,                   -- object key of the snapshot of this version, NULL before the first
    model_version   VARCHAR(100),           -- the embedding model the snapshot's vectors come from
    index_kind      VARCHAR(10),            -- FLAT / HNSW
    vectors         INTEGER NOT NULL DEFAULT 0,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT NOW()
);

-- Rebuilds read an organization's vectors of one model; deletes and the 3-5 rule work per image and user.
CREATE INDEX idx_face_embeddings_org_model ON face_embeddings(organization_id, model_version);
CREATE INDEX idx_face_embeddings_image ON face_embeddings(image_id);
