-- Incremental index snapshots (docs/faces.md, "One enrollment in a large organization"). A large organization's
-- version is its base snapshot (the whole index at base_version, the object snapshot_key names) plus the vectors
-- the versions after it added, listed here by their face_embeddings.embedding_index: an enrollment writes one row
-- here instead of a snapshot of gigabytes. compactFaceIndexes writes a new base in the background.
ALTER TABLE face_indexes
    ADD COLUMN base_version  BIGINT,                      -- the version snapshot_key holds; NULL: the version itself
    ADD COLUMN delta_vectors INTEGER NOT NULL DEFAULT 0;  -- vectors added since base_version (in the rows below)

CREATE TABLE face_index_deltas (
    organization_id UUID   NOT NULL REFERENCES organizations(id),
    version         BIGINT NOT NULL,    -- the version this change produced
    added_ids       BIGINT[] NOT NULL,  -- embedding_index of the face_embeddings rows it added
    PRIMARY KEY (organization_id, version)
);
