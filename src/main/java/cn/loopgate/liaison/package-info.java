/**
 * Liaison per firm (一企一专员, 驻企联络员): each firm may have its named liaison officer, who gets the firm's queue
 * and notifications first. Administrators, and park-wide liaison officers within their parks, assign and reassign
 * firms, one at a time or in bulk; every change is audited. A liaison officer without parks is firm-bound and sees
 * exactly the firms assigned here.
 */
package cn.loopgate.liaison;
