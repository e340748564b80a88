using Bogus;

namespace Hub.Simulators.Catalogue;

// Hand-made word lists: Bogus' ru locale knows names and addresses but not an electrical/building assortment,
// and realistic names (with "х", quotes, dots and Latin brands) are what exercises the hub's matching.
public static class ItemTemplates
{
    private static readonly string[] Colors = ["белый", "чёрный", "бежевый", "серый", "слоновая кость"];
    private static readonly string[] WireColors = ["белый", "красный", "синий", "жёлто-зелёный", "чёрный"];
    private static readonly string[] BreakerBrands = ["IEK ВА47-29", "ABB S201", "Schneider Electric Easy9", "EKF ВА47-63", "Legrand DX3"];
    private static readonly string[] SocketSeries = ["Legrand Valena", "Schneider Atlas Design", "Werkel Gallant", "Lezard Mira", "IEK Brite"];
    private static readonly string[] LampBrands = ["Gauss", "Navigator", "ASD", "Philips", "Эра"];
    private static readonly string[] PaintBrands = ["Tikkurila", "Dulux", "Текс", "Alpina", "Ярославские краски"];
    private static readonly string[] MixBrands = ["Knauf Ротбанд", "Волма Слой", "Старатели", "Основит", "Bergauf"];
    private static readonly string[] ValveBrands = ["Valtec", "Bugatti", "LD Pride", "Tiemme", "Giacomini"];
    private static readonly string[] SealantBrands = ["Момент", "Soudal", "Tytan", "Ceresit", "Penosil"];

    public static IReadOnlyList<ItemTemplate> All { get; } =
    [
        new("КАБ", "м", 40, 420, r => $"Кабель {r.ArrayElement(new[] { "ВВГнг", "ВВГнг-LS", "NYM", "КГ", "ПВС", "ШВВП" })} {r.Int(2, 5)}х{r.ArrayElement(new[] { "0.75", "1.5", "2.5", "4", "6" })}"),
        new("ПРВ", "м", 15, 120, r => $"Провод {r.ArrayElement(new[] { "ПуГВ", "ПВ-1", "ПВ-3", "ПуВ" })} 1х{r.ArrayElement(new[] { "1.5", "2.5", "4", "6", "10" })} {r.ArrayElement(WireColors)}"),
        new("АВТ", "шт", 180, 2400, r => $"Автоматический выключатель {r.ArrayElement(BreakerBrands)} {r.ArrayElement(new[] { "1P", "2P", "3P" })} C{r.ArrayElement(new[] { 6, 10, 16, 20, 25, 32, 40 })}"),
        new("РОЗ", "шт", 150, 1300, r => $"Розетка {r.ArrayElement(SocketSeries)} {r.ArrayElement(new[] { "с заземлением", "двойная", "с крышкой IP44", "с USB" })} {r.ArrayElement(Colors)}"),
        new("ВЫК", "шт", 140, 1100, r => $"Выключатель {r.ArrayElement(new[] { "одноклавишный", "двухклавишный", "проходной", "с подсветкой" })} {r.ArrayElement(SocketSeries)} {r.ArrayElement(Colors)}"),
        new("ЛМП", "шт", 60, 450, r => $"Лампа светодиодная {r.ArrayElement(LampBrands)} {r.ArrayElement(new[] { "E27", "E14", "GU10", "GX53" })} {r.ArrayElement(new[] { 5, 7, 9, 10, 12, 15 })}Вт {r.ArrayElement(new[] { "2700K", "4000K", "6500K" })}"),
        new("САМ", "кг", 220, 650, r => $"Саморез {r.ArrayElement(new[] { "по дереву", "по металлу", "кровельный", "по гипсокартону" })} {r.ArrayElement(new[] { "3.5х25", "3.5х35", "3.5х51", "4.2х41", "4.8х29", "5.5х32" })} {r.ArrayElement(new[] { "оцинкованный", "фосфатированный", "жёлтый цинк" })}"),
        new("ГОФ", "м", 8, 60, r => $"Гофротруба {r.ArrayElement(new[] { "ПВХ", "ПНД" })} {r.ArrayElement(new[] { 16, 20, 25, 32, 40 })} мм {r.ArrayElement(new[] { "с протяжкой", "без протяжки", "серая", "чёрная" })}"),
        new("КРС", "шт", 450, 6500, r => $"Краска {r.ArrayElement(new[] { "фасадная", "интерьерная", "для потолков", "для кухонь и ванных" })} {r.ArrayElement(PaintBrands)} {r.ArrayElement(new[] { "белая", "база А", "база С" })} {r.ArrayElement(new[] { "0.9", "2.7", "4.5", "9" })} л"),
        new("СМС", "шт", 280, 900, r => $"Штукатурка {r.ArrayElement(new[] { "гипсовая", "цементная", "декоративная" })} {r.ArrayElement(MixBrands)} {r.ArrayElement(new[] { 5, 15, 25, 30 })} кг"),
        new("ТРБ", "м", 30, 320, r => $"Труба {r.ArrayElement(new[] { "полипропиленовая", "металлопластиковая", "ПНД", "канализационная" })} {r.ArrayElement(new[] { "PN20", "PN25", "SDR11" })} {r.ArrayElement(new[] { 16, 20, 25, 32, 50 })} мм"),
        new("ГВЗ", "кг", 120, 300, r => $"Гвозди {r.ArrayElement(new[] { "строительные", "финишные", "кровельные", "ершёные" })} {r.ArrayElement(new[] { "1.6х25", "2х40", "3х70", "4х100", "5х150" })}"),
        new("КРН", "шт", 350, 2600, r => $"Кран шаровой {r.ArrayElement(ValveBrands)} {r.ArrayElement(new[] { "1/2\"", "3/4\"", "1\"" })} {r.ArrayElement(new[] { "ВР-ВР", "ВР-НР", "НР-НР" })} {r.ArrayElement(new[] { "ручка-бабочка", "рычаг" })}"),
        new("КЛЙ", "шт", 300, 1200, r => $"Клей плиточный {r.ArrayElement(new[] { "Церезит CM 11", "Юнис 2000", "Knauf Флизен", "Основит Максипликс", "Litokol K80" })} {r.ArrayElement(new[] { 5, 25 })} кг"),
        new("ИЗЛ", "шт", 25, 140, r => $"Изолента ПВХ {r.ArrayElement(new[] { "15мм х 10м", "19мм х 20м", "19мм х 25м" })} {r.ArrayElement(new[] { "синяя", "чёрная", "красная", "жёлто-зелёная" })}"),
        new("ХОМ", "шт", 40, 380, r => $"Хомут нейлоновый {r.ArrayElement(new[] { "2.5х100", "3.6х150", "3.6х200", "4.8х300", "7.6х400" })} {r.ArrayElement(new[] { "белый", "чёрный" })} (100 шт.)"),
        new("ДЮБ", "шт", 90, 700, r => $"Дюбель-гвоздь {r.ArrayElement(new[] { "6х40", "6х60", "8х80", "8х100", "10х120" })} {r.ArrayElement(new[] { "потайной", "цилиндрический" })} (упак. {r.ArrayElement(new[] { 50, 100, 200 })} шт.)"),
        new("ГРМ", "шт", 180, 750, r => $"Герметик силиконовый {r.ArrayElement(new[] { "санитарный", "универсальный", "кровельный", "высокотемпературный" })} {r.ArrayElement(SealantBrands)} {r.ArrayElement(new[] { "белый", "прозрачный", "серый" })} 280 мл"),
        new("ШПК", "кг", 35, 120, r => $"Шпаклёвка {r.ArrayElement(new[] { "финишная", "стартовая", "полимерная" })} {r.ArrayElement(new[] { "Vetonit LR+", "Knauf Фуген", "Шитрок", "Старатели" })} (на развес)"),
        new("ПНЛ", "шт", 900, 7800, r => $"Щит распределительный {r.ArrayElement(new[] { "ЩРН-П", "ЩРВ-П", "ЩРН-М" })}-{r.ArrayElement(new[] { 4, 8, 12, 18, 24, 36 })} {r.ArrayElement(new[] { "IP40", "IP41", "IP54" })} {r.ArrayElement(new[] { "IEK", "EKF", "TDM" })}"),
    ];
}
