package cn.loopgate.demo;

import cn.loopgate.shared.validation.Identifiers;

import java.time.LocalDate;
import java.util.Random;

/**
 * Deterministic, valid-looking Chinese test identities: names, resident IDs and credit codes with
 * correct check characters, mobile numbers. Used by the demo data, the city generator and tests.
 * None of them belongs to a real person or firm beyond chance.
 */
public final class Fakes {

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红玉梅飞鹏辉波宁斌浩凯鑫琳雪慧晨宇欣怡子涵思远佳俊";
    private static final String CREDIT_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final String[] FIRM_PLACES = {"华泰", "恒通", "长江", "东方", "瑞丰", "金桥", "新宇", "宏达", "永安", "中联",
            "博远", "天成", "汇丰", "鼎盛", "海川", "星辰", "昌盛", "嘉禾", "盛世", "锦程"};
    private static final String[] FIRM_TRADES = {"精密机械", "电子科技", "汽车零部件", "新材料", "生物医药", "纺织", "食品",
            "金属制品", "建材", "物流", "化工", "光电", "智能装备", "包装"};

    private final Random random;

    public Fakes(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    public String personName() {
        StringBuilder b = new StringBuilder().append(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
        int given = random.nextInt(4) == 0 ? 1 : 2;
        for (int i = 0; i < given; i++) {
            b.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return b.toString();
    }

    /** A resident ID from region {@code area} (six digits), born between 1965 and 2003. */
    public String residentId(String area) {
        LocalDate birth = LocalDate.of(1965, 1, 1).plusDays(random.nextInt(365 * 38));
        String first17 = area + birth.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
        return first17 + Identifiers.residentIdCheckChar(first17);
    }

    /** A unified social credit code of a company (91) registered in region {@code area}. */
    public String creditCode(String area) {
        StringBuilder b = new StringBuilder("91").append(area);
        for (int i = 0; i < 9; i++) {
            b.append(CREDIT_BODY.charAt(random.nextInt(CREDIT_BODY.length())));
        }
        return b.append(Identifiers.creditCheckChar(b.toString())).toString();
    }

    public String mobile() {
        return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
    }

    public String firmName(String city, int n) {
        return city + FIRM_PLACES[n % FIRM_PLACES.length] + FIRM_TRADES[(n / FIRM_PLACES.length + n) % FIRM_TRADES.length] + "有限公司";
    }
}
