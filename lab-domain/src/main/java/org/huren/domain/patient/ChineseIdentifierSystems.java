package org.huren.domain.patient;

/**
 * The identifier systems of Chinese patients, as the NHC's OID tree names them ({@code 2.16.156.10011.1.*}, used by
 * WS/T 500 shared EMR documents and the hospital information platform interaction specifications). Sources and the
 * choice of each: README, "Languages and identifier systems".
 */
public final class ChineseIdentifierSystems {

    /** 居民身份证号 (GB 11643-1999 citizen identity number): checked on ingest by {@link ResidentIdNumber}. */
    public static final String RESIDENT_ID = "urn:oid:2.16.156.10011.1.3";
    /** 医保卡号 (medical insurance card number): issued by the local insurance bureau, no published check digit. */
    public static final String MEDICAL_INSURANCE_CARD = "urn:oid:2.16.156.10011.1.15";
    /** 门（急）诊号: the hospital's outpatient number, meaningful only with the hospital that assigned it. */
    public static final String OUTPATIENT_NUMBER = "urn:oid:2.16.156.10011.1.11";
    /** 住院号: the hospital's inpatient number, meaningful only with the hospital that assigned it. */
    public static final String INPATIENT_NUMBER = "urn:oid:2.16.156.10011.1.12";

    private ChineseIdentifierSystems() {
    }
}
