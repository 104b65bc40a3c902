package cn.loopgate.permit;

/** Sheets for the rendering tests, built as PermitDocuments builds them. */
final class LooksFixtures {

    private LooksFixtures() {
    }

    static PermitPdf.Sheet sheet(PermitType type, int i, String firm) {
        String digest = PermitService.digest(type, "KEY" + i);
        String qr = PermitCodec.encode(new PermitCodec.Claims(42, 1000 + i, type, 1_770_000_000L, 1_780_000_000L,
                PermitCodec.holderPrefix(digest)), PermitPdfTest.KEYS.getPrivate());
        String holder = switch (type) {
            case PASS -> "王*国";
            case CARD -> i == 0 ? "阿***********力" : "张*丰";
            case CERTIFICATE -> firm;
        };
        boolean pass = type == PermitType.PASS;
        // a new-energy plate (eight characters) on the first pass, an ordinary one on the second
        return new PermitPdf.Sheet(type, type.prefix() + "-CD-ETZ-" + String.format("%07d", i), firm, "成都经济技术开发区",
                holder, pass ? (i == 0 ? "川AD12345" : "苏E12345") : null,
                pass ? "成都市龙泉驿区经开区南四路 → 德阳市旌阳区中转站 → 重庆市两江新区鱼复工业园" : null,
                "2026-12-05 至 2027-01-03", "2026-12-01", qr);
    }
}
