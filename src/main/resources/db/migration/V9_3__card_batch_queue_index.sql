-- The liaison's approval queue (issue 9): a park's submitted card batches, newest first, one page at a
-- time. With (park_id, status) only, PostgreSQL joined and sorted every submitted batch of the park to
-- return twenty (BP01 of the benchmark city: 679 batches, 2.5 ms); in this order the first page is an
-- index range scan that stops after twenty rows (0.25 ms). The new index also serves the count and every
-- query the old one served, so the old one goes. docs/performance.md, "Bulk operations".
drop index card_batch_park_idx;
create index card_batch_queue_idx on card_batch (park_id, status, submitted_at desc, id desc);
