-- When each camera last sent a frame (issue 10: the console's Cameras page). Set by recognizeFrame and the
-- kiosk route for every frame they accept; never earlier than it was (frames can arrive out of order).
ALTER TABLE cameras ADD COLUMN last_frame_at TIMESTAMPTZ;
