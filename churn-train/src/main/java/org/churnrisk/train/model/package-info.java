/** Tribuo adapters: snapshot rows as weighted Tribuo examples, the logistic and XGBoost trainers, and batch scoring. */
package org.churnrisk.train.model;
