<SUBMISSION>
<ACCESSION-NUMBER>0000999002-01-000004
<TYPE>8-K
<PUBLIC-DOCUMENT-COUNT>1
<PERIOD>20010115
<ITEMS>5
<ITEMS>7
<FILING-DATE>20010119
<FILER>
<COMPANY-DATA>
<CONFORMED-NAME>HARBORVIEW MORTGAGE SECURITIES II INC
<CIK>0000999002
<ASSIGNED-SIC>6189
<IRS-NUMBER>841112223
<STATE-OF-INCORPORATION>DE
<FISCAL-YEAR-END>1231
</COMPANY-DATA>
<FILING-VALUES>
<FORM-TYPE>8-K
<ACT>34
<FILE-NUMBER>333-99003
<FILM-NUMBER>1510042
</FILING-VALUES>
<BUSINESS-ADDRESS>
<STREET1>1 HARBOR PLAZA
<STREET2>FLOOR 12
<CITY>BALTIMORE
<STATE>MD
<ZIP>21202
<PHONE>4105550190
</BUSINESS-ADDRESS>
<FORMER-COMPANY>
<FORMER-CONFORMED-NAME>HARBORVIEW ASSET FUNDING CORP
<DATE-CHANGED>19970401
</FORMER-COMPANY>
</FILER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>0001.txt
<DESCRIPTION>MONTHLY DISTRIBUTION REPORT
<TEXT>

                       SECURITIES AND EXCHANGE COMMISSION
                             Washington, D.C. 20549

                                    Form 8-K

                                 CURRENT REPORT
                     Pursuant to Section 13 or 15(d) of the
                         Securities Exchange Act of 1934

         Date of Report (Date of earliest event reported): January 15, 2001

                 HARBORVIEW MORTGAGE SECURITIES II, INC.
           (Exact name of the registrant as specified in its charter)

  Delaware                    333-99003                        84-1112223
- ---------------           ------------------------        ---------------------
(State or other           (Commission File Number)            (I.R.S. Employer
jurisdiction of                                              Identification No.)
incorporation)

1 Harbor Plaza, Floor 12, Baltimore, Maryland                      21202
---------------------------------------------                    ----------
(Address of Principal Executive Offices)                         (Zip Code)

Registrant's telephone number, including area code: (410) 555-0190

<PAGE>

Item 5.  Other Events

On January 15, 2001, the Trustee made the monthly distribution to holders of
the Harborview Mortgage Pass-Through Certificates, Series 1999-H2. The
aggregate distribution was $18,412,950.37, of which $16,003,118.00 was
principal.

Item 7.  Financial Statements, Pro Forma Financial Information and Exhibits

(c) Exhibits: None.

                                   SIGNATURES

Pursuant to the requirements of the Securities Exchange Act of 1934, the
registrant has duly caused this report to be signed on its behalf by the
undersigned, thereunto duly authorized.

                                    HARBORVIEW MORTGAGE SECURITIES II, INC.

                                    By: /s/ Thomas E. Whitcomb
                                        ----------------------------
                                    Name:  Thomas E. Whitcomb
                                    Title: Vice President

Dated: January 19, 2001
</TEXT>
</DOCUMENT>
