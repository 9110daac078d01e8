/** The CS workflow files beside the at-risk report: worklists by coverage model, alerts, onboarding watch. */
package org.churnrisk.score.workflow;
