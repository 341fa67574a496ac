package org.huren.domain.alliance;

/** The forms of medical alliance (医联体) in Chinese policy. */
public enum AllianceKind {
    /** 城市医疗集团 — a tight city medical group. */
    CITY_GROUP,
    /** 县域医共体 — a county medical community. */
    COUNTY_COMMUNITY,
    /** 专科联盟 — a specialty alliance. */
    SPECIALTY_ALLIANCE,
    /** 远程医疗协作网 — a tele-medicine network. */
    TELEMEDICINE_NETWORK
}
