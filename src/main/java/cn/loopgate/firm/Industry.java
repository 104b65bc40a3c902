package cn.loopgate.firm;

/** Industry groups as the bureaus slice their figures (drawn from GB/T 4754 manufacturing divisions). */
public enum Industry {
    ELECTRONICS, MACHINERY, AUTOMOTIVE, CHEMICALS, PHARMACEUTICALS, TEXTILES, FOOD, METALS,
    BUILDING_MATERIALS, LOGISTICS, CONSTRUCTION, SERVICES, OTHER
}
